// Preloaded into Electronegativity (node --require): its CSV reporter writes the header and the
// rows with two fs.writeFile calls started together (the header with flag 'w', the rows with
// 'a'), so now and then the header's truncating write lands after the rows and the report loses
// or mangles findings. This chains writeFile calls to the same path, in the order they were made.
const fs = require('node:fs');

const original = fs.writeFile;
const pending = new Map();

fs.writeFile = function serialWriteFile(file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  const key = String(file);
  const previous = pending.get(key) ?? Promise.resolve();
  const next = previous.then(
    () =>
      new Promise((resolve) => {
        const finish = (err) => {
          resolve();
          if (done) done(err);
        };
        if (opts === undefined) original.call(fs, file, data, finish);
        else original.call(fs, file, data, opts, finish);
      }),
  );
  pending.set(key, next);
};
