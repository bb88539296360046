/* The calendar page (FullCalendar, vendored under static/vendor/fullcalendar/) and the feed page's copy button.
   The Content-Security-Policy allows no inline script: the page carries its settings in the
   <script type="application/json" id="calendar-config"> block (Django's json_script) and this file reads them.
   Events come from /calendar/events.json for the days shown, narrowed by the group and kind selects. Times are
   the center's wall-clock time (sent without an offset), so they read the same in any browser time zone. */
(function () {
  "use strict";

  // FullCalendar 6 inserts its CSS rule by rule (CSSStyleSheet.insertRule) into a <style data-fullcalendar> as its
  // bundle loads. One rule is an @font-face carrying its icon font as a data: URL, which the CSP's font-src 'self'
  // refuses, and Chromium decodes data: fonts as soon as the rule exists, used or not. This file is loaded before
  // the bundle and leaves that one rule out (the calendar draws no icons: text arrows, no popover); the vendored
  // file stays unmodified. The index is clamped because FullCalendar numbers the rules it inserts.
  var insertRule = CSSStyleSheet.prototype.insertRule;
  CSSStyleSheet.prototype.insertRule = function (rule, index) {
    var owner = this.ownerNode;
    if (owner && owner.hasAttribute && owner.hasAttribute("data-fullcalendar")) {
      if (String(rule).indexOf("@font-face{font-family:fcicons") === 0) return this.cssRules.length;
      return insertRule.call(this, rule, Math.min(index || 0, this.cssRules.length));
    }
    return insertRule.apply(this, arguments);
  };

  // by status first (overdue, done, cancelled), else by kind
  var COLORS = { overdue: "#dc3545", done: "#6c757d", cancelled: "#adb5bd" };
  var KIND_COLORS = { follow_up: "#0d6efd", trip: "#198754", visit: "#0f7d6b", reception: "#6f42c1" };
  var DEFAULT_COLOR = "#0d6efd";

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function day(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function notice(text) {
    var box = document.getElementById("calendar-notice");
    if (!box) return;
    box.textContent = text || "";
    box.classList.toggle("d-none", !text);
  }

  function value(id) {
    var element = document.getElementById(id);
    return element ? element.value : "";
  }

  function loader(config) {
    return function (info, success, failure) {
      var params = new URLSearchParams({ start: day(info.start), end: day(info.end) });
      if (value("calendar-group")) params.set("group", value("calendar-group"));
      if (value("calendar-kind")) params.set("kind", value("calendar-kind"));
      fetch(config.eventsUrl + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          notice(data.truncated ? config.texts.truncated.replace("%(count)s", data.limit) : "");
          success(
            data.events.map(function (event) {
              var status = event.extendedProps.cancelled ? "cancelled" : event.extendedProps.status;
              event.color = COLORS[status] || KIND_COLORS[event.extendedProps.kind] || DEFAULT_COLOR;
              if (event.extendedProps.cancelled) event.classNames.push("text-decoration-line-through");
              return event;
            })
          );
        })
        .catch(function (error) {
          notice(config.texts.failed);
          failure(error);
        });
    };
  }

  function start() {
    var element = document.getElementById("calendar");
    var source = document.getElementById("calendar-config");
    if (!element || !source || !window.FullCalendar) return;
    var config = JSON.parse(source.textContent);
    var phone = window.matchMedia("(max-width: 575.98px)").matches;
    // "now" is the center's wall-clock time (events carry no offset either), kept moving with the browser's clock
    var drift = new Date(config.now).getTime() - Date.now();
    var views = "dayGridMonth,timeGridWeek,listMonth";
    var language = (document.documentElement.lang || "zh-hans").toLowerCase();
    var calendar = new window.FullCalendar.Calendar(element, {
      locale: language.indexOf("zh") === 0 ? "zh-cn" : "en",
      firstDay: 1,
      now: function () {
        return new Date(Date.now() + drift);
      },
      initialView: phone ? "listMonth" : "dayGridMonth",
      headerToolbar: phone
        ? { start: "title", end: "prev,next" }
        : { start: "prev,next today", center: "title", end: views },
      footerToolbar: phone ? { start: "today", end: views } : false,
      height: "auto",
      // FullCalendar's arrow and close icons are an icon font inlined as a data: URL, which the CSP's
      // font-src refuses: plain-text arrows instead, and "+N more" opens the day's list, not a popover.
      buttonIcons: false,
      buttonText: { prev: "‹", next: "›" },
      dayMaxEvents: true,
      moreLinkClick: "listDay",
      nowIndicator: true,
      navLinks: true,
      eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
      slotLabelFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
      scrollTime: "08:00:00",
      views: {
        timeGridWeek: phone
          ? { dayHeaderFormat: { weekday: "narrow", day: "numeric" }, titleFormat: { month: "numeric", day: "numeric" } }
          : {},
      },
      datesSet: function (info) {
        // the week's hours scroll inside a box instead of making the page a day long
        var height = info.view.type === "timeGridWeek" ? (phone ? 560 : 720) : "auto";
        var calendar = info.view.calendar;
        if (calendar.getOption("height") === height) return;
        calendar.setOption("height", height);
        if (height === "auto") return;
        window.setTimeout(function () {
          calendar.scrollToTime("08:00:00"); // once redrawn in its box (the redraw scrolled it to midnight)
        }, 0);
      },
      events: loader(config),
      eventDidMount: function (info) {
        var props = info.event.extendedProps;
        var parts = [info.event.title, props.statusLabel, props.group].filter(Boolean);
        info.el.setAttribute("title", parts.join(" · "));
        info.el.setAttribute("data-uid", info.event.id);
      },
    });
    calendar.render();
    element.calendar = calendar; // for tests and the console
    var filters = document.getElementById("calendar-filters");
    if (filters) {
      filters.addEventListener("change", function () {
        calendar.refetchEvents();
      });
      filters.addEventListener("submit", function (event) {
        event.preventDefault();
      });
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var input = document.querySelector(button.getAttribute("data-copy"));
    if (!input) return;
    input.select();
    var done = function () {
      button.textContent = button.getAttribute("data-copied") || button.textContent;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });

  document.addEventListener("DOMContentLoaded", start);
})();
