# pia — build, test, install.
#
#   make            build ./pia
#   make check      build and run every test (unit, CLI, TUI in tmux)
#   make SAN=1 check   the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmarks (not part of check)
#   make install PREFIX=/usr/local DESTDIR=   (binary, templates, man page pia(1), guide)

PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

CC      ?= cc
# pkg-config where a .pc file exists, plain -l flags where it does not.
PKG_PAIRS  := ncursesw:-lncursesw sqlite3:-lsqlite3 yaml-0.1:-lyaml xlsxwriter:-lxlsxwriter \
              poppler-glib:-lpoppler-glib minizip:-lminizip expat:-lexpat
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell for p in $(PKG_PAIRS); do pkg-config --cflags $${p%%:*} 2>/dev/null; done))
# poppler-glib is compiled against but not linked: import/poppler_api.c
# opens it (by its soname, read from the library here) when a PDF is read.
PKG_LIBS   := $(shell for p in $(filter-out poppler-glib:%,$(PKG_PAIRS)); do pkg-config --libs $${p%%:*} 2>/dev/null || echo $$p | cut -d: -f2; done)
POPPLER_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir poppler-glib 2>/dev/null)/libpoppler-glib.so 2>/dev/null | awk '/SONAME/ {print $$2}')

ifeq ($(SAN),1)
BUILD   := build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT     := -O1 -g
else
BUILD   := build
SANFLAGS :=
OPT     := -O2 -g
endif

# Warnings are errors in `make check` (and so in CI), not in a plain `make`:
# a newer compiler's new warning must not break a user's build.
WERROR ?=
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
              -Wall -Wextra $(WERROR) $(OPT) $(SANFLAGS) \
              -DPIA_VERSION='"$(VERSION)"' -DPIA_DATADIR='"$(PREFIX)/share/pia"' \
              $(if $(POPPLER_SONAME),-DPIA_POPPLER_SONAME='"$(POPPLER_SONAME)"') \
              -I. $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(SANFLAGS) $(LDFLAGS)
LIBS := $(PKG_LIBS) -ldl -lpthread -lm

LIB_SRC  := $(wildcard model/*.c export/*.c import/*.c tui/*.c) $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ := $(BUILD)/cli/main.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
PIA      := $(if $(filter 1,$(SAN)),$(BUILD)/pia,pia)

.PHONY: all check bench bench-profile install uninstall clean sample fuzz soak
all: $(PIA)

$(PIA): $(MAIN_OBJ) $(BUILD)/libpia.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(BUILD)/libpia.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The data directory is compiled into model/template.c: when PREFIX changes
# (make install PREFIX=…), the stamp changes and that object is rebuilt.
DATADIR_STAMP := $(BUILD)/datadir.stamp
$(shell mkdir -p $(BUILD) && { [ "$$(cat $(DATADIR_STAMP) 2>/dev/null)" = '$(PREFIX)/share/pia' ] || \
    echo '$(PREFIX)/share/pia' > $(DATADIR_STAMP); })
$(BUILD)/model/template.o: $(DATADIR_STAMP)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# Test and bench binaries record the headers they include (-MMD), so a
# changed header rebuilds them as it does the library's objects.
$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libpia.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(BUILD)/libpia.a $(LDFLAGS_ALL) $(LIBS)

check: WERROR = -Werror
check: $(PIA) $(UNIT_BIN)
	PIA=$(abspath $(PIA)) UNIT_DIR=$(abspath $(BUILD)/tests) PIA_SAN=$(SAN) sh tests/run.sh

# Run pia on the bundled sample (imports it into a scratch database once).
sample: $(PIA)
	sh samples/open.sh $(abspath $(PIA))

BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libpia.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(BUILD)/libpia.a $(LDFLAGS_ALL) $(LIBS) -lz -lutil

bench: $(PIA) $(BENCH_BIN)
	PIA=$(abspath $(PIA)) BENCH_BIN=$(abspath $(BUILD)/bench) sh bench/run.sh

# Instruction counts (callgrind) of the bundle and of the big assessment's keys.
bench-profile: $(PIA) $(BENCH_BIN)
	PIA=$(abspath $(PIA)) BENCH_BIN=$(abspath $(BUILD)/bench) sh bench/profile.sh

# Long runs of the reliability checks: kill -9 trials of the TUI, concurrent
# writers on one answer, a sweep of full-disk limits, bundles against fresh
# bundles, signalled exports, backups under writers, fuzzing, and random
# keys and pastes into the TUI (TUI_FUZZ_RUNS × TUI_FUZZ_SECONDS).
soak: $(PIA) $(BUILD)/tests/test_writers
	PIA=$(abspath $(PIA)) sh tests/soak/crash_soak.sh $(or $(TRIALS),200)
	d=$$(mktemp -d) && cd $$d && PIA_WRITERS=4 PIA_WRITERS_ROUNDS=$(or $(ROUNDS),2000) \
	    $(abspath $(BUILD)/tests/test_writers) && rm -rf $$d
	PIA=$(abspath $(PIA)) sh tests/soak/faults_soak.sh $(or $(STEPS),300)
	PIA=$(abspath $(PIA)) sh tests/soak/files_soak.sh $(or $(BUNDLE_ROUNDS),60) $(or $(KILLS),150) $(or $(BACKUPS),5)
	sh tests/fuzz/run.sh $(or $(FUZZ_SECONDS),300) $(BUILD)/fuzz
	PIA=$(abspath $(PIA)) sh tests/soak/tui_fuzz_soak.sh $(or $(TUI_FUZZ_RUNS),30) $(or $(TUI_FUZZ_SECONDS),20)

# Longer fuzzing runs than the suite's (FUZZ_SECONDS per harness).
fuzz:
	sh tests/fuzz/run.sh $(or $(FUZZ_SECONDS),600) build/fuzz

# Depends on the binary, which is rebuilt when PREFIX (the data directory
# compiled into it) changes: see DATADIR_STAMP.
install: $(PIA)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pia/templates/tables
	install -m 755 $(PIA) $(DESTDIR)$(PREFIX)/bin/pia
	install -m 644 templates/*.yaml $(DESTDIR)$(PREFIX)/share/pia/templates/
	install -m 644 templates/tables/*.yaml $(DESTDIR)$(PREFIX)/share/pia/templates/tables/
	install -d $(DESTDIR)$(PREFIX)/share/pia/templates/editions
	install -m 644 templates/editions/*.yaml $(DESTDIR)$(PREFIX)/share/pia/templates/editions/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/doc/pia
	install -m 644 docs/pia.1 $(DESTDIR)$(PREFIX)/share/man/man1/pia.1
	install -m 644 docs/guide.md $(DESTDIR)$(PREFIX)/share/doc/pia/guide.md

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pia
	rm -rf $(DESTDIR)$(PREFIX)/share/pia $(DESTDIR)$(PREFIX)/share/doc/pia
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/pia.1

clean:
	rm -rf build build-san pia

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d) $(BENCH_BIN:=.d)
