# The two set-up commands in README.md: `make demo` and `make test`. Both install what is
# missing first (scripts/setup.sh), so they work on a fresh machine and are quick on a warm one.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ENV := root=$(CURDIR) . scripts/env.sh &&
WASM := --target wasm32-unknown-unknown
# The browser suites run for seconds; the runner's default 20 s limit is too tight on a busy 2-core machine.
export WASM_BINDGEN_TEST_TIMEOUT := 90

.PHONY: demo test setup pkg lint test-native test-browser test-chrome test-firefox test-webkit test-e2e test-package size bench fuzz clean

## Build pkg/ and serve the demo app and the local mock Anon platform.
demo:
	scripts/setup.sh --no-browsers
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh node
	$(ENV) scripts/demo.sh

## The whole suite: formatting, lints, native tests, browser tests in Chromium, Firefox and
## WebKit, the size budget and the end-to-end tests (in the three engines too).
test: setup lint test-native test-browser size test-e2e test-package
	@echo "make test: all green"

setup:
	scripts/setup.sh

pkg:
	$(ENV) scripts/build-pkg.sh

lint:
	$(ENV) cargo fmt --all --check
	$(ENV) cargo clippy $(WASM) --all-targets -- -D warnings
	$(ENV) cargo clippy --no-default-features --features webhooks,models --all-targets -- -D warnings
	$(ENV) cargo clippy $(WASM) --no-default-features --features node -- -D warnings

test-native:
	$(ENV) cargo test --no-default-features --features webhooks,models
	$(ENV) cargo test --lib
	$(ENV) scripts/build-pkg.sh node
	$(ENV) node --test tests/node/

test-browser: test-chrome test-firefox test-webkit

test-chrome:
	$(ENV) env -u GECKODRIVER -u SAFARIDRIVER CHROMEDRIVER=/usr/bin/chromedriver cargo test $(WASM)

test-firefox:
	$(ENV) env -u CHROMEDRIVER -u SAFARIDRIVER GECKODRIVER=$$(command -v geckodriver) cargo test $(WASM)

# WebKitGTK's WebDriver starts MiniBrowser, which needs an X display (xvfb-run gives one).
test-webkit:
	$(ENV) env -u CHROMEDRIVER -u GECKODRIVER SAFARIDRIVER=/usr/bin/WebKitWebDriver xvfb-run -a cargo test $(WASM)

test-e2e:
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh node
	cd www && npm test

## The npm package: packed, installed from the tarball into the framework examples, built with
## Vite and webpack 5, driven in Chromium, Firefox and WebKit; plus the SSR import and the
## TypeScript consumer.
test-package:
	$(ENV) scripts/build-pkg.sh
	node scripts/package.mjs
	cd www/examples && node build.mjs && npm test

## The size budget (bench/size-budget.json): fails when the browser package grows past it.
size:
	$(ENV) scripts/build-pkg.sh
	node bench/size.mjs --ours --check

## Sizes against the peers (table + docs/size-chart.svg) and speed against the floor and Anon's SDK.
bench:
	$(ENV) scripts/build-pkg.sh
	$(ENV) scripts/build-pkg.sh floor
	node bench/size.mjs
	node bench/speed.mjs

clean:
	rm -rf target pkg pkg-node www/examples/dist bench/wasm-floor/pkg

## Fuzz the webhook verifier and the event parser (needs a nightly toolchain and cargo-fuzz).
FUZZ_SECONDS ?= 120
fuzz:
	cargo +nightly fuzz run -O verify_webhook -- -max_total_time=$(FUZZ_SECONDS)
	cargo +nightly fuzz run -O parse_event -- -max_total_time=$(FUZZ_SECONDS)
