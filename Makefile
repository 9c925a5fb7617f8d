# qingdan — build, demo site, tests.
# Quick start (README): `make deps site`, then `make deps-dev check`.

CC      ?= cc
PKGS    := libcmark-gfm yaml-0.1 xlsxwriter libqrencode libzip expat freexl libmicrohttpd
# `=`, not `:=`: on a fresh machine `make deps site` installs pkg-config and
# the libraries before these are first needed
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcmark-gfm -lcmark-gfm-extensions -lyaml -lxlsxwriter -lz -lqrencode -lzip -lexpat -lfreexl -lmicrohttpd)
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g

# src/ is laid out by pipeline stage, in this order; a file includes only
# from its own folder or an earlier one (tools/layers.py checks it in
# `make check`). Headers are included by bare name: one -I per folder.
STAGES  := base read model derive mustache site out cmd
INC     := $(addprefix -Isrc/,$(STAGES))
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(INC) $(PKG_CFLAGS) $(CFLAGS)
DEPFLAGS := -MMD -MP
LIBS    = $(PKG_LIBS) -lcsv -lpthread -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# the sources of each stage (base_SRC, read_SRC, ...); every module but
# cmd/main.c goes into the tests too
$(foreach s,$(STAGES),$(eval $(s)_SRC := $(sort $(wildcard src/$(s)/*.c))))
MAIN_SRC := src/cmd/main.c
LIB_SRC := $(filter-out $(MAIN_SRC),$(foreach s,$(STAGES),$($(s)_SRC)))
THEME   := $(sort $(shell find templates -type f))
SKELETON := $(sort $(shell find skeleton -type f))
# generated sources: the default theme, the search's script folding table
GEN     := theme_files skeleton_files t2s_table
GEN_SRC := $(GEN:%=build/%.c)
OBJ     := $(LIB_SRC:src/%.c=build/rel/%.o) $(GEN:%=build/rel/%.o)
SAN_OBJ := $(LIB_SRC:src/%.c=build/san/%.o) $(GEN:%=build/san/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
TEST_HDR := tests/unit/t.h tests/unit/test_mustache.h

.PHONY: all site deps deps-dev check install uninstall serve check-valgrind check-tsan test clean bench bench-mustache help fuzz
.DEFAULT_GOAL := all

all: qingdan

help:
	@echo "make deps site      install build dependencies, build, render the demo site"
	@echo "make deps-dev check install test dependencies too, run every test"
	@echo "make bench          benchmarks (see bench/)"
	@echo "make serve          preview the demo site, rebuilt and reloaded on every change"
	@echo "make install        install qingdan, its man page and bash completion (PREFIX, DESTDIR)"
	@$(foreach s,$(STAGES),echo "  src/$(s)/: $(notdir $($(s)_SRC))";)

qingdan: build/rel/cmd/main.o $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

# header dependencies come from the compiler (-MMD -MP: build/**/*.d)
build/rel/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/san/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(SAN) -O1 -c -o $@ $<

-include $(wildcard build/rel/*/*.d build/san/*/*.d build/rel/*.d build/san/*.d build/fuzz/obj/*/*.d)

build/tools:
	mkdir -p $@

# the default theme, compiled into the binary
build/tools/embed: tools/embed.c | build/tools
	$(CC) -std=c11 -O1 -o $@ $<

build/theme_files.c: build/tools/embed $(THEME)
	build/tools/embed $@ $(THEME)

# what `qingdan init` and `qingdan new` write
build/skeleton_files.c: build/tools/embed $(SKELETON)
	build/tools/embed $@ $(SKELETON)

# traditional characters and their simplified forms, from OpenCC's t2s
# (src/derive/fold_table.h): OpenCC is needed to compile qingdan, not to
# run it, and every build of a site folds the same way
build/tools/gen_t2s: tools/gen_t2s.c | build/tools
	$(CC) -std=c11 -O1 $(shell pkg-config --cflags opencc 2>/dev/null) -o $@ $< \
		$(shell pkg-config --libs opencc 2>/dev/null || echo -lopencc)

build/t2s_table.c: build/tools/gen_t2s
	build/tools/gen_t2s $@

build/rel/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

build/san/%.o: build/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# the sanitized binary the test suites run
build/san/qingdan: build/san/cmd/main.o $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/san/unit: $(TEST_SRC) $(TEST_HDR) $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -o $@ $(TEST_SRC) $(SAN_OBJ) $(LIBS)

site: qingdan
	./qingdan build --content content --output public

deps:
	@sh tools/deps.sh build

deps-dev: deps
	@sh tools/deps.sh dev

# Fuzz targets (tests/fuzz/fuzz_<name>.c), one per parser or property;
# each has its saved inputs in tests/fuzz/corpus/<name>/. `make check`
# replays them under the sanitizers (build/san/fuzz-<name>, a plain main
# from tests/fuzz/replay.c); `make fuzz` runs libFuzzer (clang) on each in
# turn for FUZZ_SECONDS: FUZZ_SECONDS=1800 FUZZ_TARGETS="escape search"
# make fuzz. New inputs go to build/fuzz-corpus/<name>; a crash is written
# as build/fuzz-corpus/crash-*, to be copied into the corpus with the fix.
# Sanitizer reports go to build/fuzz-logs/asan-<name>.<pid> (stderr is
# closed: the site target's warnings would drown the run); those of the
# .xls reader's child process (sheet_xls.c) are the library's, contained.
FUZZ_ALL := content markdown site mustache sheet search escape
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
FUZZ_REPLAY := $(FUZZ_ALL:%=build/san/fuzz-%)
FUZZ_CC := clang -std=c11 -D_GNU_SOURCE $(WARN) -Wno-missing-field-initializers -g -O1 -fno-omit-frame-pointer $(INC) $(PKG_CFLAGS)
FUZZ_OBJ := $(LIB_SRC:src/%.c=build/fuzz/obj/%.o) $(GEN:%=build/fuzz/obj/%.o)
# made through pattern rules only: keep them between runs
.SECONDARY: $(FUZZ_OBJ)

build/san/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -o $@ $< tests/fuzz/replay.c $(SAN_OBJ) $(LIBS)

build/rel/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(OBJ) $(LIBS)

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -fsanitize=fuzzer-no-link,address,undefined $(DEPFLAGS) -c -o $@ $<

build/fuzz/obj/%.o: build/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/%)
	@mkdir -p build/fuzz-logs
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build/fuzz-corpus/$$t; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=log_path=build/fuzz-logs/asan-$$t build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			-close_fd_mask=2 -artifact_prefix=build/fuzz-corpus/ -print_final_stats=1 \
			build/fuzz-corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

check: build/san/qingdan build/san/unit $(FUZZ_REPLAY) qingdan
	@sh tests/run.sh

build/rel/unit: $(TEST_SRC) $(TEST_HDR) $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(TEST_SRC) $(OBJ) $(LIBS)

check-valgrind: qingdan build/rel/unit $(FUZZ_ALL:%=build/rel/fuzz-%)
	@sh tests/run.sh --valgrind

# ThreadSanitizer over parallel parsing and rendering, and over serve's
# pages made on request while its folder is written (clang)
build/tsan/qingdan: $(LIB_SRC) $(MAIN_SRC) $(GEN_SRC)
	mkdir -p build/tsan
	clang -std=c11 -D_GNU_SOURCE $(WARN) -g -O1 -fsanitize=thread $(INC) $(PKG_CFLAGS) -o $@ $(LIB_SRC) $(MAIN_SRC) $(GEN_SRC) $(LIBS)

check-tsan: build/tsan/qingdan
	rm -rf build/tsan/out-a build/tsan/out-b
	build/tsan/qingdan build --quiet --jobs 4 --content content --output build/tsan/out-a
	build/tsan/qingdan build --quiet --jobs 4 --content tests/fixtures/mini --output build/tsan/out-b
	sh tests/tsan-serve.sh build/tsan/qingdan
	@echo "check-tsan: no data race reported"

# the template engine's micro-benchmark (renders/s, bytes/s)
build/mustache_bench: bench/mustache_bench.c $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ bench/mustache_bench.c $(OBJ) $(LIBS)

bench-mustache: build/mustache_bench
	build/mustache_bench

# the search index's cost on a content folder: SEARCH_CONTENT=dir make bench-search
build/search_bench: bench/search_bench.c $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ bench/search_bench.c $(OBJ) $(LIBS)

SEARCH_CONTENT ?= content
bench-search: build/search_bench
	build/search_bench $(SEARCH_CONTENT)

# qingdan against Hugo on the same corpora (installs Hugo when missing);
# writes bench/RESULTS.md. BENCH_ARGS=--quick for a shorter run.
bench: qingdan
	@sh tools/deps.sh bench
	python3 bench/run.py $(BENCH_ARGS)

# a preview of the demo site that rebuilds and reloads on every change
serve: qingdan
	./qingdan serve --content content

# Install like any Unix tool: the binary (the default theme and what
# `qingdan init` writes are compiled in), the man page, bash completion.
# `make install PREFIX=/usr/local DESTDIR=/tmp/stage`
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1
BASHDIR := $(PREFIX)/share/bash-completion/completions
INSTALL_BIN ?= qingdan
install: $(INSTALL_BIN)
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(BASHDIR)"
	install -m 755 $(INSTALL_BIN) "$(DESTDIR)$(BINDIR)/qingdan"
	install -m 644 doc/qingdan.1 "$(DESTDIR)$(MANDIR)/qingdan.1"
	install -m 644 completions/qingdan.bash "$(DESTDIR)$(BASHDIR)/qingdan"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/qingdan" "$(DESTDIR)$(MANDIR)/qingdan.1" "$(DESTDIR)$(BASHDIR)/qingdan"

clean:
	rm -rf build qingdan
