// A CommonJS app's Jest config, as docs/frameworks.md gives it: the package's ES modules (and
// their `import.meta.url`) compiled to CommonJS by babel-jest; the app's own files as before.
module.exports = {
  testEnvironment: "jsdom",
  setupFilesAfterEnv: ["./setup.js"],
  transformIgnorePatterns: ["/node_modules/(?!anon-modal/)"],
  transform: {
    "/node_modules/anon-modal/.+\\.js$": [
      "babel-jest",
      { babelrc: false, configFile: false, plugins: ["@babel/plugin-transform-modules-commonjs", "babel-plugin-transform-import-meta"] },
    ],
    "\\.[jt]sx?$": "babel-jest",
  },
};
