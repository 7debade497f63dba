# The two set-up commands in README.md: `make demo` and `make test`. Both install what is
# missing first (scripts/setup.sh), so they work on a fresh machine and are quick on a warm one.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ENV := root=$(CURDIR) . scripts/env.sh &&
WASM := --target wasm32-unknown-unknown
# The browser suites run for seconds; the runner's default 20 s limit is too tight on a busy 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT := 90
# The browser suites run with a temp dir of their own, removed when they end: chromedriver leaves
# a browser profile of a few MB in it for each session a runner ends, and runs would pile them up.
OWN_TMP := own_tmp=$$(mktemp -d) && trap 'rm -rf "$$own_tmp" || true' EXIT && TMPDIR=$$own_tmp

.PHONY: demo test setup setup-build pkg tarball lint mutants test-native test-browser test-chrome test-firefox test-webkit test-e2e test-package test-server test-stable size bench fuzz clean

## Build pkg/ and serve the demo app and the local mock Anon platform.
demo: setup-build
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh server
	$(ENV) scripts/demo.sh

## The whole suite: formatting, lints, native tests, browser tests in Chromium, Firefox and
## WebKit, the size budget, the end-to-end tests and the npm package (in the three engines too),
## the package's server entry, and the stable-only build.
test: setup lint test-native test-browser size test-e2e test-package test-server test-stable
	@echo "make test: all green"

## What the suites need (browsers, drivers, npm packages), installed if missing: each target that
## uses them runs it first, so that one alone works on a fresh machine too (`make test` runs it
## once).
setup:
	scripts/setup.sh

## What building the package needs (the wasm toolchain, wasm-bindgen, wasm-opt): enough for the
## demo, the package, the lints and the native tests.
setup-build:
	scripts/setup.sh --no-browsers

pkg: setup-build
	$(ENV) scripts/build-pkg.sh

## The npm package, packed: target/npm/anon-modal-<version>.tgz.
tarball: setup-build
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh server
	node scripts/package.mjs

lint: setup-build
	$(ENV) cargo fmt --all --check
	$(ENV) cargo fmt --manifest-path fuzz/Cargo.toml --check # its own workspace
	$(ENV) rustfmt --check --edition 2021 www/examples/leptos/src/main.rs # its own workspace
	$(ENV) cargo clippy $(WASM) --all-targets -- -D warnings
	$(ENV) cargo clippy $(WASM) --lib -- -D warnings # as a Rust app builds it: no js-api
	$(ENV) cargo clippy $(WASM) --lib --no-default-features --features npm-package -- -D warnings
	$(ENV) cargo clippy --no-default-features --features webhooks,models --all-targets -- -D warnings
	$(ENV) cargo clippy $(WASM) --no-default-features --features npm-server -- -D warnings
	$(ENV) cargo clippy --lib --no-default-features --features browser -- -D warnings # natively, as an app's server half builds it
	$(ENV) RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet $(WASM) --features js-api,webhooks,models
	$(ENV) RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps --quiet $(WASM) --features js-api,webhooks,models # as docs.rs builds it (nightly), feature labels included
	$(ENV) RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --no-default-features --features webhooks,models
	$(ENV) RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --no-default-features --features models
	$(ENV) cargo package --quiet --allow-dirty # the crate as crates.io would get it builds
	$(ENV) cargo clippy --quiet --manifest-path fuzz/Cargo.toml --target-dir target/fuzz-check -- -D warnings # the fuzz targets build, which only `make fuzz` runs

test-native: setup-build
	$(ENV) cargo test --no-default-features --features webhooks,models
	$(ENV) cargo test --lib
	$(ENV) cargo test --doc # the browser API's examples compile (they run only in a page)

test-browser: test-chrome test-firefox test-webkit

# Each engine in a time zone of its own, east or west of UTC, where a time Anon writes without
# a zone (UTC) would be misread as local time.
test-chrome: setup
	$(ENV) $(OWN_TMP) env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER=/usr/bin/chromedriver TZ=Asia/Kolkata cargo test $(WASM)

test-firefox: setup
	$(ENV) $(OWN_TMP) env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER=$$(command -v geckodriver) TZ=America/Los_Angeles cargo test $(WASM)

# WebKitGTK's WebDriver starts MiniBrowser, which needs an X display (xvfb-run gives one).
test-webkit: setup
	$(ENV) $(OWN_TMP) env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver TZ=Asia/Tokyo xvfb-run -a cargo test $(WASM)

test-e2e: setup
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh server
	node scripts/package.mjs # the first-hour tests install the tarball
	cd www && $(OWN_TMP) npm test

## The npm package: packed, installed from the tarball into the framework examples, built with
## Vite and webpack 5, driven in Chromium, Firefox and WebKit; plus the SSR import and the
## TypeScript consumer. The Leptos example (the crate's Rust API) is built and driven with them.
test-package: setup
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh server
	node scripts/package.mjs
	cd www/examples && node build.mjs && $(OWN_TMP) npm test

## The server entry, anon-modal/server: interop with the reference Standard Webhooks libraries
## (standardwebhooks, svix) and node:crypto's ed25519 as oracles, its API and TypeScript types,
## and the packed tarball on Node (with Express, Fastify, Hono and Koa too), Deno, Bun, workerd
## (miniflare) and Next.js, each with its example, and through Vite's module runner.
test-server: setup
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh server
	node scripts/package.mjs
	cd tests/server && npm test

## The size budget (bench/size-budget.json): fails when the browser package grows past it.
size: setup
	$(ENV) scripts/build-pkg.sh
	node bench/size.mjs --ours --check

## The stable-only build (stable flags, no RUSTC_BOOTSTRAP, the std as shipped), which a
## toolchain without its std source makes: its size budget, then the end-to-end suite against it.
## It leaves pkg/ in that build; the next target that needs the size build rebuilds it.
test-stable: setup
	$(ENV) ANON_MODAL_STABLE=1 scripts/build-pkg.sh
	node bench/size.mjs --ours --check
	$(ENV) scripts/build-pkg.sh server
	node scripts/package.mjs
	cd www && $(OWN_TMP) npm run test:chromium

## Sizes against the peers (table + docs/size-chart.svg), speed against the floor and Anon's SDK
## (https, the modal on another site), time to modal on a cold page (bench/time-to-modal.mjs),
## and webhook verification against standardwebhooks (bench/webhook.mjs). docs/speed.md says how.
bench: setup
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh floor
	$(ENV) scripts/build-pkg.sh server
	node bench/size.mjs
	node bench/speed.mjs
	node bench/time-to-modal.mjs
	node bench/webhook.mjs

clean:
	rm -rf target pkg pkg-node www/examples/dist bench/wasm-floor/pkg

## Mutation testing (cargo-mutants) of the pure modules: which of the changes it makes to them the
## native tests catch. Slow (a build and a test run per mutant), so not part of `make test`;
## MUTANTS_FILES narrows it, e.g. MUTANTS_FILES="-f src/lifecycle.rs".
MUTANTS_FILES ?= -f src/origin.rs -f src/signed_url.rs -f src/lifecycle.rs -f src/event.rs \
	-f src/error.rs -f src/guard.rs -f src/topic.rs -f src/reject.rs -f src/iframe.rs \
	-f 'src/webhooks/*.rs' -f src/models.rs
mutants:
	$(ENV) cargo mutants --no-default-features --features webhooks,models $(MUTANTS_FILES) --output target/mutants

## Fuzz the webhook verifier, the event parser and the message guard, FUZZ_RUNS executions
## each, one job, the documents' examples as seeds (needs a nightly toolchain and cargo-fuzz).
## No sanitizer: the fuzzed modules have no unsafe code, and ten million runs each on two
## cores need the speed.
FUZZ_RUNS ?= 10000000
FUZZ_FLAGS ?= -O -s none
fuzz:
	mkdir -p fuzz/corpus/verify_webhook fuzz/corpus/parse_event fuzz/corpus/message_guard
	cargo +nightly fuzz run $(FUZZ_FLAGS) verify_webhook fuzz/corpus/verify_webhook -- -runs=$(FUZZ_RUNS) -print_final_stats=1
	cargo +nightly fuzz run $(FUZZ_FLAGS) parse_event fuzz/corpus/parse_event tests/fixtures -- -runs=$(FUZZ_RUNS) -print_final_stats=1
	cargo +nightly fuzz run $(FUZZ_FLAGS) message_guard fuzz/corpus/message_guard -- -runs=$(FUZZ_RUNS) -print_final_stats=1
