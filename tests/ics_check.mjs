// An independent reading of .ics files with ical.js, for tests/test_calendars.py.
//
// Usage: node tests/ics_check.mjs FILE.ics...
// Prints one JSON object: {"FILE.ics": {"events": [{uid, start, end, ...}], "errors": [...]}}.
// Instants are UTC ISO strings. Each file's own VTIMEZONEs are the only zones known while it is
// read, so a TZID without its VTIMEZONE, or a floating time, is reported as an error rather than
// silently read in the machine's local time.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function instant(event, name, errors) {
  const property = event.component.getFirstProperty(name);
  if (!property) {
    errors.push(`${event.uid}: no ${name.toUpperCase()}`);
    return null;
  }
  const tzid = property.getParameter("tzid");
  if (tzid && !ICAL.TimezoneService.has(tzid)) {
    errors.push(`${event.uid}: ${name.toUpperCase()} uses TZID=${tzid} but the file has no VTIMEZONE for it`);
    return null;
  }
  const time = property.getFirstValue();
  if (time.isDate) {
    errors.push(`${event.uid}: ${name.toUpperCase()} is a date, not a date-time`);
    return null;
  }
  if (!tzid && time.zone !== ICAL.Timezone.utcTimezone) {
    errors.push(`${event.uid}: ${name.toUpperCase()} is a floating time`);
    return null;
  }
  return {
    iso: new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z"),
    tzid: tzid || "UTC",
    offset: time.utcOffset(),
  };
}

function readFile(path) {
  const errors = [];
  const events = [];
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(vtimezone);
  }
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const start = instant(event, "dtstart", errors);
    const end = instant(event, "dtend", errors);
    if (!start || !end) continue;
    events.push({
      uid: event.uid,
      start: start.iso,
      end: end.iso,
      tzid: start.tzid,
      offset: start.offset,
      sequence: event.sequence,
      summary: event.summary,
    });
  }
  return {
    method: calendar.getFirstPropertyValue("method"),
    prodid: calendar.getFirstPropertyValue("prodid"),
    timezones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
    events,
    errors,
  };
}

const result = {};
for (const path of process.argv.slice(2)) {
  try {
    result[path] = readFile(path);
  } catch (error) {
    result[path] = { events: [], errors: [`cannot parse: ${error.message}`] };
  }
}
process.stdout.write(JSON.stringify(result));
