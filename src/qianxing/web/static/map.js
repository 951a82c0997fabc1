// The Leaflet map: numbered markers per day (one colour per day) and the legs as lines.
// Coordinates come from /api/places, which sends WGS84 and GCJ-02; the tile datum decides
// which pair is drawn, so markers sit on the right spot on Amap-style (GCJ-02) tiles too.
// Each step of a leg is drawn along the points /api/view sends (`lines`): solid when it passes
// the stations or road junctions the pack knows on the way (`exact`), dashed when only its two
// ends are known, dotted for walks. Without those lines a leg is a dashed line between its ends.
import { el } from "./dom.js";

export const COLOURS = ["#d7263d", "#1b998b", "#3f51b5", "#f46036", "#2e294e", "#8d6a9f",
  "#c5a000", "#0081a7", "#6a994e", "#bc4749"];

// Days 1-10 take the palette; later days (trips run to 21) a hue of their own.
export function colour(day) {
  return day <= COLOURS.length ? COLOURS[day - 1] : `hsl(${Math.round((day * 137.5) % 360)} 60% 38%)`;
}

export class TripMap {
  constructor(node, config, places) {
    this.node = node;
    this.places = places;
    this.gcj = config.tile_datum === "GCJ-02";
    this.layer = null;
    this.markers = [];
    this.lines = []; // Leaflet polylines, each with qxExact and qxMode
    this.map = null;
    this.bounds = []; // every point of the trip
    this.dayBounds = new Map(); // day -> its points
    this.focus = null; // null: the whole trip; n: day n
    this.userMoved = false; // the traveller panned or zoomed: a resize keeps their view
    if (!window.L) return; // Leaflet missing: the day cards still show the plan
    this.map = window.L.map(node, { zoomControl: true }).setView([26.6, 106.7], 7);
    if (config.tile_url) {
      window.L.tileLayer(config.tile_url, {
        attribution: config.tile_attribution,
        subdomains: config.tile_subdomains || "abc",
        maxZoom: 18,
      }).addTo(this.map);
    }
    for (const ev of ["pointerdown", "wheel", "keydown"]) {
      node.addEventListener(ev, () => { this.userMoved = true; }, { passive: true });
    }
    // the map is laid out while hidden (before the first plan; the list view on a phone) and
    // resized with the window: measure it again and fit what it shows once it has a size
    if (window.ResizeObserver) {
      new ResizeObserver(() => {
        if (!node.clientWidth || !node.clientHeight) return;
        this.map.invalidateSize();
        if (!this.userMoved) this.fit();
      }).observe(node);
    }
  }

  point(placeId, fallback) {
    const p = this.places.get(placeId);
    if (p) return this.gcj ? [p.gcj_lat, p.gcj_lon] : [p.lat, p.lon];
    return fallback && !this.gcj && fallback.lat != null ? [fallback.lat, fallback.lon] : null;
  }

  // one step's line: solid along known points, dashed between two ends only, dotted walking
  line(pts, mode, exact, c) {
    const dashArray = mode === "walk" ? "2 6" : exact ? null : "8 6";
    const l = window.L.polyline(pts, { color: c, weight: exact ? 4 : 3, opacity: 0.8, dashArray });
    l.qxExact = exact;
    l.qxMode = mode;
    this.lines.push(l);
    return l.addTo(this.layer);
  }

  show(itinerary, lines = null) {
    if (!this.map) return;
    const L = window.L;
    if (this.layer) this.layer.remove();
    this.layer = L.layerGroup().addTo(this.map);
    this.markers = [];
    this.lines = [];
    this.bounds = [];
    this.dayBounds = new Map();
    for (const day of itinerary.days) {
      const c = colour(day.day);
      const pts = [];
      const own = lines ? lines.filter((x) => x.day === day.day) : [];
      for (const x of own) this.line(this.gcj ? x.gcj : x.points, x.mode, x.exact, c);
      if (!own.length) {
        for (const leg of day.legs) {
          const a = this.point(leg.from), b = this.point(leg.to);
          if (a && b) this.line([a, b], leg.mode, false, c);
        }
      }
      for (const stop of [day.start, day.end]) {
        const at = this.point(stop.place, stop);
        if (at) {
          L.circleMarker(at, { radius: 5, color: c, fillColor: "#fff", fillOpacity: 1 })
            .bindTooltip(el("span", { text: stop.name }))
            .addTo(this.layer);
          pts.push(at);
        }
      }
      day.visits.forEach((v, i) => {
        const at = this.point(v.place, v);
        if (!at) return;
        const badge = el("span", { text: String(i + 1), style: { background: c } });
        const icon = L.divIcon({ html: badge, className: "qx-marker", iconSize: [24, 24],
          iconAnchor: [12, 12] });
        const m = L.marker(at, { icon, title: "" })
          .bindTooltip(el("span", { text: `${day.day}-${i + 1} ${v.name}` }))
          .addTo(this.layer);
        m.qxDay = day.day;
        m.qxPlace = v.place;
        this.markers.push(m);
        pts.push(at);
      });
      this.dayBounds.set(day.day, pts);
      this.bounds.push(...pts);
    }
    this.focusOn(null);
  }

  // Fit the whole trip (day null) or one day; the view follows later resizes until the
  // traveller moves the map.
  focusOn(day) {
    this.focus = day;
    this.userMoved = false;
    this.fit();
  }

  fit() {
    if (!this.map) return;
    const pts = this.focus === null ? this.bounds : this.dayBounds.get(this.focus) || this.bounds;
    if (!pts.length || !this.node.clientWidth || !this.node.clientHeight) return;
    this.map.invalidateSize();
    this.map.fitBounds(pts, { padding: [28, 28], maxZoom: 13, animate: false });
  }
}
