// The Leaflet map: numbered markers per day (one colour per day) and the legs as lines.
// Coordinates come from /api/places, which sends WGS84 and GCJ-02; the tile datum decides
// which pair is drawn, so markers sit on the right spot on Amap-style (GCJ-02) tiles too.
import { el } from "./dom.js";

export const COLOURS = ["#d7263d", "#1b998b", "#3f51b5", "#f46036", "#2e294e", "#8d6a9f",
  "#c5a000", "#0081a7", "#6a994e", "#bc4749"];

export function colour(day) { return COLOURS[(day - 1) % COLOURS.length]; }

export class TripMap {
  constructor(node, config, places) {
    this.places = places;
    this.gcj = config.tile_datum === "GCJ-02";
    this.layer = null;
    this.markers = [];
    this.map = null;
    if (!window.L) return; // Leaflet missing: the day cards still show the plan
    this.map = window.L.map(node, { zoomControl: true }).setView([26.6, 106.7], 7);
    if (config.tile_url) {
      window.L.tileLayer(config.tile_url, {
        attribution: config.tile_attribution,
        subdomains: config.tile_subdomains || "abc",
        maxZoom: 18,
      }).addTo(this.map);
    }
  }

  point(placeId, fallback) {
    const p = this.places.get(placeId);
    if (p) return this.gcj ? [p.gcj_lat, p.gcj_lon] : [p.lat, p.lon];
    return fallback && !this.gcj ? [fallback.lat, fallback.lon] : null;
  }

  show(itinerary) {
    if (!this.map) return;
    const L = window.L;
    if (this.layer) this.layer.remove();
    this.layer = L.layerGroup().addTo(this.map);
    this.markers = [];
    const bounds = [];
    for (const day of itinerary.days) {
      const c = colour(day.day);
      for (const leg of day.legs) {
        const a = this.point(leg.from), b = this.point(leg.to);
        if (a && b) {
          L.polyline([a, b], { color: c, weight: 3, opacity: 0.75,
            dashArray: leg.mode === "walk" ? "4 6" : null }).addTo(this.layer);
        }
      }
      for (const stop of [day.start, day.end]) {
        const at = this.point(stop.place);
        if (at) {
          L.circleMarker(at, { radius: 5, color: c, fillColor: "#fff", fillOpacity: 1 })
            .bindTooltip(el("span", { text: stop.name }))
            .addTo(this.layer);
          bounds.push(at);
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
        bounds.push(at);
      });
    }
    // the map may have been laid out while the plan was hidden: measure it before fitting
    this.map.invalidateSize();
    if (bounds.length) this.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
  }
}
