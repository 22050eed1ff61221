// The copy buttons of the county offices' page. Without this script (or without a clipboard, as
// on a page not served over HTTPS) the buttons stay hidden and the text is there to select.
if (navigator.clipboard) {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.innerText.trim()).then(
        () => {
          button.textContent = button.dataset.done;
          setTimeout(() => { button.textContent = label; }, 2000);
        },
        () => { getSelection().selectAllChildren(source); },
      );
    });
  }
}
