# One command builds and runs the app (`make run`), one passes every test
# (`make test`), one builds the Linux packages (`make package`). Each
# installs what is missing first, on Debian or Ubuntu.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO            ?= go
# go.mod names the toolchain with the standard library's security fixes;
# the go command fetches it through the module proxy when the installed Go
# is older (some installs default to GOTOOLCHAIN=local, which never does).
export GOTOOLCHAIN := auto
TAGS          := webkit2_41
WAILS_VERSION := v2.16.0
TOOLS         := $(CURDIR)/.tools
WAILS         := $(TOOLS)/wails
STATICCHECK   := $(TOOLS)/staticcheck
GOVULNCHECK   := $(TOOLS)/govulncheck
# The Go vulnerability database, as the module proxy serves it: govulncheck
# reads it from disk, so the check needs no other network.
VULNDB        := golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018
# A real S3 server for the team share's tests (they start it themselves).
VERSITYGW     := $(TOOLS)/versitygw
# The Debian package's builder, and the CI workflows' checker.
NFPM          := $(TOOLS)/nfpm
ACTIONLINT    := $(TOOLS)/actionlint
BIN           := build/bin/peerplaypay
DEV_BIN       := build/bin/peerplaypay-dev
# The version is the product's (wails.json, which the binary embeds); the
# commit is shown beside it.
VERSION       := $(shell sed -n 's/.*"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
COMMIT        := $(shell git describe --always --dirty --abbrev=8 2>/dev/null)
LDFLAGS       := -X main.commit=$(COMMIT)
SUDO          := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# What building needs, and what the tests need on top of it.
APT_BUILD := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev libvpx-dev libopus-dev \
             gstreamer1.0-plugins-base gstreamer1.0-plugins-good
APT_TEST  := xvfb xauth x11-utils xdotool imagemagick ffmpeg chromium \
             dbus-daemon gnome-keyring desktop-file-utils poppler-utils \
             appstream lintian man-db zsh fish
# What packaging needs: dpkg-shlibdeps, which names the libraries' packages.
APT_PACKAGE := dpkg-dev

.PHONY: setup setup-test build build-dev run package test test-go test-go-unit test-go-recording test-frontend test-e2e test-e2e-go test-browser check-format fuzz clean

# apt-install installs the listed Debian packages that are not installed yet.
define apt-install
	missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

setup: $(WAILS) frontend/node_modules/.installed
	@$(call apt-install,$(APT_BUILD))

setup-test: setup $(STATICCHECK) $(GOVULNCHECK) $(VERSITYGW) $(NFPM) $(ACTIONLINT)
	@$(call apt-install,$(APT_TEST) $(APT_PACKAGE))

$(STATICCHECK):
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2

$(GOVULNCHECK):
	GOBIN=$(TOOLS) $(GO) install golang.org/x/vuln/cmd/govulncheck@v1.9.0

$(VERSITYGW):
	GOBIN=$(TOOLS) $(GO) install github.com/versity/versitygw/cmd/versitygw@v1.8.0

$(NFPM):
	GOBIN=$(TOOLS) $(GO) install github.com/goreleaser/nfpm/v2/cmd/nfpm@v2.48.0

$(ACTIONLINT):
	GOBIN=$(TOOLS) $(GO) install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

$(WAILS):
	@$(call apt-install,$(APT_BUILD))
	GOBIN=$(TOOLS) $(GO) install github.com/wailsapp/wails/v2/cmd/wails@$(WAILS_VERSION)

# Node.js from Debian only when there is none: a NodeSource nodejs bundles
# npm and conflicts with Debian's npm package.
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@if ! command -v npm >/dev/null; then $(call apt-install,nodejs npm); fi
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a==20&&b<19)) { console.error("Node.js "+process.versions.node+" is too old: the frontend needs 20.19 or newer."); process.exit(1) }'
	cd frontend && npm ci --no-audit --no-fund
	touch $@

# Without libvpx and libopus the app is built without its encoders: it runs,
# keeps text logs, and `peerplaypay doctor` says what to install.
build: setup
	@tags="$(TAGS)"; \
	if ! pkg-config --exists vpx opus; then \
	  echo "warning: libvpx or libopus not found; building without recording (see peerplaypay doctor)"; \
	  tags="$$tags,nocodecs"; \
	fi; \
	GOFLAGS="$${GOFLAGS:-} -buildmode=pie" $(WAILS) build -tags "$$tags" -ldflags "$(LDFLAGS)" -m -nosyncgomod -trimpath
	@echo "Built $(BIN)"

run: build
	./$(BIN)

# The dev variant, which the browser tests drive: Wails' `dev` tag makes the
# app serve its page and Go bindings on a localhost port (frontend/e2e/
# harness.mjs). It embeds the frontend `make build` bundled, and is built
# with the Go flags of the tests, whose compiled packages it shares.
build-dev: build
	$(GO) build -tags dev,$(TAGS) -o $(DEV_BIN) .

# The Linux packages, from the binary `make build` made: a Debian package
# and a portable .tar.gz of the same tree (its usr/ goes under /usr/local or
# ~/.local). The man page and completions are committed, generated from the
# CLI's command tree (go generate ./internal/cli); the icons are resized
# here. APP_ID and HOMEPAGE name the app in software centres: the
# screenshots are looked for under HOMEPAGE/screenshots/ (copies of
# build/linux/screenshots/, taken from e2e/artifacts).
PKG_DIR     := build/package
PKG_ROOT    := $(PKG_DIR)/root
ARCH        := $(shell dpkg --print-architecture 2>/dev/null || $(GO) env GOARCH)
APP_ID      ?= example.peerplaypay.PeerPlayPay
HOMEPAGE    ?= https://peerplaypay.example
MAINTAINER  ?= PeerPlayPay <maintainers@peerplaypay.example>
DEB         := $(PKG_DIR)/peerplaypay_$(VERSION)_$(ARCH).deb
TARBALL     := $(PKG_DIR)/peerplaypay-$(VERSION)-linux-$(ARCH).tar.gz
# Files get the last commit's time, so two builds of one commit match.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
package: build $(NFPM)
	@$(call apt-install,$(APT_PACKAGE))
	rm -rf $(PKG_DIR)
	install -D -m 0755 $(BIN) $(PKG_ROOT)/usr/bin/peerplaypay
	install -D -m 0644 build/linux/peerplaypay.desktop $(PKG_ROOT)/usr/share/applications/peerplaypay.desktop
	$(GO) run ./internal/tools/hicolor -src build/appicon.png -root $(PKG_ROOT)
	mkdir -p $(PKG_ROOT)/usr/share/metainfo $(PKG_ROOT)/usr/share/man/man1 $(PKG_ROOT)/usr/share/doc/peerplaypay
	# CHANGELOG.md, as Debian's changelog (it checks the newest version is
	# wails.json's) and as the metainfo's releases.
	$(GO) run ./internal/tools/debchangelog -version $(VERSION) -maintainer '$(MAINTAINER)' \
	  | gzip -9n > $(PKG_ROOT)/usr/share/doc/peerplaypay/changelog.gz
	releases=$$(sed -n 's/^## \([0-9][^ ]*\) — \([0-9-]*\)$$/    <release version="\1" date="\2"\/>/p' CHANGELOG.md); \
	awk -v releases="$$releases" -v id='$(APP_ID)' -v home='$(HOMEPAGE)' \
	  '/@RELEASES@/ { print releases; next } { gsub(/@APP_ID@/, id); gsub(/@HOMEPAGE@/, home); print }' \
	  build/linux/peerplaypay.metainfo.xml.in > $(PKG_ROOT)/usr/share/metainfo/$(APP_ID).metainfo.xml
	gzip -9n < build/linux/peerplaypay.1 > $(PKG_ROOT)/usr/share/man/man1/peerplaypay.1.gz
	install -m 0644 build/linux/copyright $(PKG_ROOT)/usr/share/doc/peerplaypay/copyright
	$(GO) run ./internal/tools/notices -bin $(BIN) -frontend frontend/dist/.vite/license.md \
	  | gzip -9n > $(PKG_ROOT)/usr/share/doc/peerplaypay/third-party-licences.gz
	install -D -m 0644 build/linux/completions/peerplaypay.bash $(PKG_ROOT)/usr/share/bash-completion/completions/peerplaypay
	install -D -m 0644 build/linux/completions/_peerplaypay $(PKG_ROOT)/usr/share/zsh/vendor-completions/_peerplaypay
	install -D -m 0644 build/linux/completions/peerplaypay.fish $(PKG_ROOT)/usr/share/fish/vendor_completions.d/peerplaypay.fish
	# dpkg-shlibdeps reads a debian/control of its own, here an empty one.
	mkdir -p $(PKG_DIR)/shlibs/debian && touch $(PKG_DIR)/shlibs/debian/control
	shlibs=$$(cd $(PKG_DIR)/shlibs && dpkg-shlibdeps -O -e $(CURDIR)/$(PKG_ROOT)/usr/bin/peerplaypay 2>/dev/null | sed -n 's/^shlibs:Depends=//p'); \
	test -n "$$shlibs"; \
	VERSION=$(VERSION) ARCH=$(ARCH) MAINTAINER='$(MAINTAINER)' HOMEPAGE='$(HOMEPAGE)' SHLIBS_DEPENDS="$$shlibs" \
	  $(NFPM) package --packager deb --config build/linux/nfpm.yaml --target $(DEB)
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH) \
	  --transform 's,^,peerplaypay-$(VERSION)/,' -C $(PKG_ROOT) -cf - usr | gzip -n > $(TARBALL)
	rm -rf $(PKG_DIR)/shlibs
	@ls -l $(DEB) $(TARBALL)

# After the builds, the tests run in three lanes at once, each line of
# output prefixed with its lane's name:
# - checks: the format checks and the race unit tests, which keep both cores
#   busy, at a lower priority (nice) so that they use the time the others
#   leave and never starve a test that counts on time;
# - record: the packages that record in real time, the frontend's checks
#   and unit tests, then the browser tests;
# - e2e: the Linux packages, which the end-to-end tests check, then the
#   production window and the team share through real processes.
# The lanes' make takes the builds as done (-o), so none builds again.
# Every lane runs to its end, so one run reports every failure.
LANES := checks:check-format,test-go-unit record:test-go-recording,test-frontend,test-browser e2e:package,test-e2e-go
test: setup-test build-dev
	@started=$$(date +%s); pids=""; \
	for lane in $(LANES); do \
	  name=$${lane%%:*}; targets=$$(echo $${lane#*:} | tr , ' '); \
	  nice=""; [ $$name = checks ] && nice="nice -n 10"; \
	  ( s=$$(date +%s); \
	    if $$nice $(MAKE) --no-print-directory -o build -o build-dev $$targets 2>&1 | sed -u "s/^/$$name | /"; \
	    then echo "== lane $$name passed in $$(( $$(date +%s) - s )) s"; \
	    else echo "== lane $$name FAILED after $$(( $$(date +%s) - s )) s"; exit 1; fi ) & \
	  pids="$$pids $$!"; \
	done; \
	failed=0; for p in $$pids; do wait $$p || failed=1; done; \
	echo "== lanes done in $$(( $$(date +%s) - started )) s"; \
	if [ $$failed = 1 ]; then echo "Some tests failed: look for FAILED above."; exit 1; fi
	@echo "All tests passed."

check-format: $(STATICCHECK) $(GOVULNCHECK) $(ACTIONLINT)
	@unformatted=$$(gofmt -l $$(git ls-files -co --exclude-standard '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags e2e,$(TAGS) ./e2e/
	$(STATICCHECK) -tags $(TAGS) ./...
	$(STATICCHECK) -tags e2e,$(TAGS) ./e2e/
	# Known vulnerabilities in code the app calls, from the Go database.
	db=$$(cd / && $(GO) mod download -json $(VULNDB) | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p'); \
	$(GOVULNCHECK) -db "file://$$db/data/osv" -tags $(TAGS) ./...
	# The release workflow, which builds for macOS and Windows, runs
	# elsewhere: checked here for what a checker can find.
	$(ACTIONLINT)

# The packages whose tests record in real time from the synthetic devices
# run one at a time, as two cores shared between them would starve the
# encoders; the others two at a time, which halves their wait. With the
# race detector, which needs cgo (the C compiler of APT_BUILD), and a
# deadline a slow machine does not reach (the default, 10 minutes a
# package, it can). Plain `go test` also runs each fuzz target's seed
# corpus (testdata/fuzz).
RECORDING_PACKAGES := ./app ./internal/media ./internal/standup
test-go: test-go-unit test-go-recording
test-go-unit:
	CGO_ENABLED=1 $(GO) test -race -tags $(TAGS) -count=1 -timeout 40m -p 2 \
	  $$($(GO) list -tags $(TAGS) ./... | grep -v -x -F $(foreach p,$(RECORDING_PACKAGES),-e peerplaypay/$(p:./%=%)))
	# Heap figures mean nothing under the race detector: streaming is
	# checked again without it.
	$(GO) test -tags $(TAGS) -count=1 -run '/LargeStreaming' -v ./internal/share/backend/ | grep -E '^(ok|FAIL|---|    .*MiB)'
test-go-recording:
	CGO_ENABLED=1 $(GO) test -race -tags $(TAGS) -count=1 -timeout 40m -p 1 $(RECORDING_PACKAGES)

# Each fuzz target (`go test -fuzz`) for FUZZTIME, one after another;
# what a target finds is written to its testdata/fuzz and fails the run.
# Every input that reaches new code is minimized first, for up to a minute
# by default: on the targets whose runs are slow (a roster version, a
# batch, a WebM file) that took the whole minute and fuzzing stopped at a
# few thousand inputs. FUZZMINIMIZE bounds it.
FUZZTIME     ?= 1m
FUZZMINIMIZE ?= 5s
FUZZ_PACKAGES := ./internal/share/ ./internal/media/
fuzz:
	@for pkg in $(FUZZ_PACKAGES); do \
	  for name in $$($(GO) test -tags $(TAGS) -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$name ($(FUZZTIME))"; \
	    $(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg; \
	  done; \
	done

test-frontend:
	cd frontend && npm run check && npm run lint && npm test

# End to end: the production binary in a real window under Xvfb, then the
# dev variant's bindings driven from Debian's Chromium.
test-e2e: test-e2e-go test-browser
test-e2e-go: build
	# The team share's tests run three at a time, after the others: they
	# mostly wait on their processes.
	PEERPLAYPAY_BIN=$(CURDIR)/$(BIN) $(GO) test -tags e2e,$(TAGS) -count=1 -timeout 60m -parallel 3 -v ./e2e/
test-browser: build-dev
	cd frontend && env PEERPLAYPAY_BIN=$(CURDIR)/$(BIN) PEERPLAYPAY_DEV_BIN=$(CURDIR)/$(DEV_BIN) \
	  xvfb-run -a -s "-screen 0 1280x800x24" npm run test:e2e

clean:
	rm -rf build/bin build/package frontend/dist/assets frontend/dist/index.html frontend/node_modules .tools
