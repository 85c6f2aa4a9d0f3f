'use strict';
// Carbone's PDF path, for bench/pdf_pool.sh: N documents rendered with carbone.render(template, data,
// {convertTo: 'pdf'}) in one process, through Carbone's own pool of LibreOffice workers
// (`factories`, started on the first render), every render issued at once so that every factory
// is kept busy; each PDF is written to OUT/i.pdf. Prints one RESULT line; the wall time covers
// the factories' start, as a user's first batch would.
//
//   PATH=/usr/bin:$PATH node bench/carbone_pdf.js --modules DIR/node_modules --template T.carbone.docx \
//        --data D.json --n 50 --factories 2 --out OUT
//
// DIR is a folder where `npm install carbone@VERSION` was run (bench/pdf_pool.sh makes it from the
// anchors' package.json); /usr/bin first in PATH: Carbone's converter runs `python3`, which must be
// the one with LibreOffice's uno module.
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const a = { n: 50, factories: 2 };
for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['modules', 'template', 'data', 'out'])
  if (!a[k]) { console.error(`carbone_pdf.js: --${k} is needed`); process.exit(2); }
const n = parseInt(a.n, 10), factories = parseInt(a.factories, 10);

const carbone = require(path.join(a.modules, 'carbone'));
const converter = require(path.join(a.modules, 'carbone', 'lib', 'converter'));
const version = require(path.join(a.modules, 'carbone', 'package.json')).version;
const data = JSON.parse(fs.readFileSync(a.data, 'utf8'));
fs.mkdirSync(a.out, { recursive: true });

const t0 = performance.now();
carbone.set({ factories, startFactory: false });
const render = (i) => new Promise((resolve, reject) => {
  carbone.render(a.template, data, { convertTo: 'pdf' }, (err, pdf) => {
    if (err) return reject(err);
    fs.writeFileSync(path.join(a.out, `${i}.pdf`), pdf);
    resolve();
  });
});

Promise.all(Array.from({ length: n }, (_, i) => render(i))).then(() => {
  const wall = (performance.now() - t0) / 1000;
  console.log(`RESULT engine=carbone@${version} case=${path.basename(a.template, '.docx')} n=${n} factories=${factories} ` +
              `wall_s=${wall.toFixed(2)}`);
  converter.exit(() => process.exit(0));
}, (err) => {
  console.error('carbone_pdf.js:', err);
  converter.exit(() => process.exit(1));
});
