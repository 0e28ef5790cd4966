# devirt: the one entry point. `make help` lists the targets.
# Everything built goes under build/.

BUILD      ?= build
CC         := gcc
LD         := ld
OBJCOPY    := objcopy
OBJDUMP    := objdump
BOCHS_CPU  ?= corei7_haswell_4770
TIMEOUT    ?= 120
export BOCHS_CPU

# Freestanding kernel code: no red zone (interrupts and VM exits write below RSP),
# no SSE (nobody saves it), warnings are errors.
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin \
	-fno-stack-protector -fno-pic -fno-pie -mno-red-zone -mgeneral-regs-only \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns -I. -MMD -MP
KASFLAGS := -g -I. -I$(BUILD)/gen -MMD -MP -D__ASSEMBLY__

KERNEL_SRC  := $(wildcard kernel/*.c)
GUESTOS_SRC := $(wildcard boot/*.S) $(wildcard guestos/*.c guestos/*/*.c guestos/*.S guestos/*/*.S)
# TRACE=1 links the per-exit trace printer instead of the silent default (hv/trace.h).
# Each image links its own lab_not_implemented (kernel/lab.h): the OS kernel/lab_stop.c,
# the hypervisor hv/vmx/lab_stop.c, which rolls `hv on` back instead of powering off.
TRACE      ?= 0
HV_TRACE    := hv/trace/$(if $(filter 1,$(TRACE)),print,silent).c
# HV_ARCH picks the backend directory: one image per backend (docs/architecture.md).
HV_ARCH    ?= vmx
HV_SRC      := $(wildcard hv/*.c hv/*.S hv/$(HV_ARCH)/*.c hv/$(HV_ARCH)/*.S) $(HV_TRACE)

GUESTOS_OBJ := $(patsubst %,$(BUILD)/guestos-obj/%.o,$(GUESTOS_SRC))
HV_OBJ      := $(patsubst %,$(BUILD)/hv-obj/%.o,$(HV_SRC))
# kernel/ is a library, built once per image (the code models differ): the
# linker takes only the members an image references, so the hypervisor does
# not carry the OS's multiboot2, command-line or ring code (tests/image_contents.sh).
GUESTOS_LIB := $(BUILD)/guestos-obj/libkernel.a
HV_LIB      := $(BUILD)/hv-obj/libkernel.a

GUESTOS_ELF := $(BUILD)/guestos.elf
HV_ELF      := $(BUILD)/hv.elf
HV_BIN      := $(BUILD)/hv.bin
ISO         := $(BUILD)/devirt.iso
DISK        := $(BUILD)/disk.img
HVPACK      := $(BUILD)/tools/hvpack
ASM_OFFSETS := $(BUILD)/gen/asm_offsets.h
HVCORRUPT   := $(BUILD)/tools/hvcorrupt
BAD_IMAGES  := bad-magic bad-version bad-sizes bad-entry bad-linkbase bad-checksum truncated
CRC32SUM    := $(BUILD)/tools/crc32sum

.PHONY: all help images iso disk run test qemu bochs bochs-debug qemu-gdb gdb handout grade mutants clean deps headers trace bench
all: images iso disk $(CRC32SUM)

help:
	@echo "make run        build, boot in Bochs, run the full demo, print the report (EMU=kvm: QEMU+KVM)"
	@echo "make test       every test (T=\"NAME...\" for some), ends with 'N passed, M failed'"
	@echo "make qemu|bochs interactive boot, serial console on stdin/stdout"
	@echo "make qemu-gdb   QEMU waiting for GDB;  make gdb: attach GDB with both images' symbols"
	@echo "make bochs-debug [BREAK=fn] [VMEXIT=1]   Bochs' debugger, typed live; serial on build/bochs-debug/com1"
	@echo "make bench      workload costs in Bochs (guest TSC = instructions), native and interposed"
	@echo "make trace      every VM exit of a short run: timeline, per-reason table, SVG (build/trace)"
	@echo "make handout LAB=N [OUT=dir] [ONLY=1]   student tree: lab N and later labs stubbed;  make grade: lab table"
	@echo "make mutants [LAB=N]   does each lab's test catch the mistakes listed in lab/NN-*/mutants?"
	@echo "make clean"

images: $(GUESTOS_ELF) $(HV_BIN)

# Structure offsets for the .S files, generated from C (tools/asm_offsets.c) so
# assembly and C can never disagree about a layout.
$(ASM_OFFSETS): tools/asm_offsets.c hv/abi.h hv/regs.h guestos/cpu/fault_catch.h
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -S -o $@.s $<
	sed -n 's/.*->\([A-Z0-9_]*\) \([0-9]*\).*/#define \1 \2/p' $@.s > $@.tmp
	mv $@.tmp $@

# The guest OS: -mcmodel=small, linked at 1 MiB.
$(BUILD)/guestos-obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -mcmodel=small -c $< -o $@
# User programs run at USER_BASE, not at their link address: position independent.
$(BUILD)/guestos-obj/guestos/user/%.c.o: KCFLAGS += -fpie
$(BUILD)/guestos-obj/%.S.o: %.S $(ASM_OFFSETS)
	@mkdir -p $(@D)
	$(CC) $(KASFLAGS) -c $< -o $@

# The hypervisor: -mcmodel=kernel, linked in the top 2 GiB (hv/abi.h HV_LINK_BASE).
$(BUILD)/hv-obj/%.c.o: %.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -mcmodel=kernel -c $< -o $@
$(BUILD)/hv-obj/%.S.o: %.S $(ASM_OFFSETS)
	@mkdir -p $(@D)
	$(CC) $(KASFLAGS) -c $< -o $@

$(GUESTOS_LIB): $(patsubst %,$(BUILD)/guestos-obj/%.o,$(KERNEL_SRC))
$(HV_LIB): $(patsubst %,$(BUILD)/hv-obj/%.o,$(filter-out kernel/lab_stop.c,$(KERNEL_SRC)))
$(GUESTOS_LIB) $(HV_LIB):
	rm -f $@
	ar rcs $@ $^

# Every link writes an .asm listing and a .sym table next to the ELF.
define listings
	$(OBJDUMP) -d -S $@ > $(basename $@).asm
	nm -n $@ > $(basename $@).sym
endef

$(GUESTOS_ELF): $(GUESTOS_OBJ) $(GUESTOS_LIB) guestos/guestos.ld
	$(LD) -n -nostdlib -z max-page-size=4096 --no-warn-rwx-segments -z noexecstack -T guestos/guestos.ld -o $@ $(GUESTOS_OBJ) $(GUESTOS_LIB)
	$(listings)

$(HV_ELF): $(HV_OBJ) $(HV_LIB) hv/hv.ld
	$(LD) -n -nostdlib -z max-page-size=4096 --no-warn-rwx-segments -z noexecstack -T hv/hv.ld -o $@ $(HV_OBJ) $(HV_LIB)
	$(listings)

$(HVPACK): tools/hvpack.c kernel/crc32.c hv/abi.h
	@mkdir -p $(@D)
	cc -O2 -Wall -Wextra -Werror -I. -o $@ tools/hvpack.c kernel/crc32.c

# Host checksum of disk bytes, for tests that check the guest's `disk sum`.
$(CRC32SUM): tools/crc32sum.c kernel/crc32.c kernel/crc32.h
	@mkdir -p $(@D)
	cc -O2 -Wall -Wextra -Werror -I. -o $@ tools/crc32sum.c kernel/crc32.c

$(HV_BIN): $(HV_ELF) $(HVPACK)
	$(OBJCOPY) -O binary -j .hv_header -j .text -j .rodata -j .data $(HV_ELF) $@.raw
	$(HVPACK) $@.raw $@

# One ISO per scenario: build/devirt.iso boots to the shell,
# build/devirt-NAME.iso passes scenario=NAME on the kernel command line.
$(ISO): $(GUESTOS_ELF) $(HV_BIN) boot/grub.cfg.in tools/mkiso.sh
	tools/mkiso.sh $@ "" $(GUESTOS_ELF) $(HV_BIN)
$(BUILD)/devirt-%.iso: $(GUESTOS_ELF) $(HV_BIN) boot/grub.cfg.in tools/mkiso.sh
	tools/mkiso.sh $@ "scenario=$*" $(GUESTOS_ELF) $(HV_BIN)

# An ISO with one corrupt hypervisor image per loader check as extra modules
# (tests/hv_bad_images.sh): `hv load bad-magic` and so on.
$(HVCORRUPT): tools/hvcorrupt.c kernel/crc32.c hv/abi.h
	@mkdir -p $(@D)
	cc -O2 -Wall -Wextra -Werror -I. -o $@ tools/hvcorrupt.c kernel/crc32.c
$(BUILD)/bad/stamp: $(HV_BIN) $(HVCORRUPT)
	@mkdir -p $(@D)
	$(HVCORRUPT) $(HV_BIN) $(@D) >/dev/null
	touch $@
$(BUILD)/badimages.iso: $(GUESTOS_ELF) $(HV_BIN) $(BUILD)/bad/stamp boot/grub.cfg.in tools/mkiso.sh
	tools/mkiso.sh $@ "" $(GUESTOS_ELF) $(HV_BIN) $(foreach n,$(BAD_IMAGES),$(n)=$(BUILD)/bad/$(n).bin)

iso: $(ISO)
disk: $(DISK)
$(DISK): tools/mkdisk.sh
	tools/mkdisk.sh $@

deps:
	@tools/deps.sh

# EMU=kvm: QEMU with KVM and the host CPU instead of Bochs (tools/run-demo.sh).
EMU ?= bochs
run: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory all $(BUILD)/devirt-demo.iso >$(BUILD)/run-build.log 2>&1 || \
		{ echo "phase build: FAIL see $(BUILD)/run-build.log"; echo "run: FAIL"; exit 1; }
	@EMU=$(EMU) tools/run-demo.sh $(BUILD)/devirt-demo.iso

test: deps
	@tests/run.sh $(T)

# QEMU exits 33 when the OS powers off (isa-debug-exit, kernel/power.h): that is success.
qemu: all
	tools/qemu.sh --iso $(ISO) --interactive || [ $$? -eq 33 ]
bochs: all
	tools/bochs.sh --iso $(ISO) --interactive
# Bochs' debugger on this terminal, both images' symbols loaded; BREAK=function (default
# hv_entry), VMEXIT=1 for every VM exit; the serial console on build/bochs-debug/com1.
bochs-debug: all
	@tools/bochs-debug.sh $(BREAK)
qemu-gdb: all
	tools/qemu.sh --iso $(ISO) --interactive --gdb $${GDBPORT:-1234} || [ $$? -eq 33 ]
gdb: $(GUESTOS_ELF) $(HV_ELF)
	tools/gdb.sh $(GUESTOS_ELF) $(HV_ELF) $${GDBPORT:-1234}

headers:
	@tools/check-headers.sh

trace: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/trace TRACE=1 $(BUILD)/trace/devirt-trace.iso $(BUILD)/trace/disk.img \
		>$(BUILD)/trace-build.log 2>&1 || { echo "trace: FAIL build, see $(BUILD)/trace-build.log"; exit 1; }
	@tools/trace.sh $(BUILD)/trace

bench: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory all $(BUILD)/devirt-bench.iso >$(BUILD)/bench-build.log 2>&1 || { echo "bench: FAIL build, see $(BUILD)/bench-build.log"; exit 1; }
	@tools/bench.sh $(BUILD)/devirt-bench.iso

handout:
	@tools/handout.sh "$(LAB)" "$(or $(OUT),$(BUILD)/handout-$(LAB))" $(if $(filter 1,$(ONLY)),only)
grade:
	@tools/grade.sh
mutants:
	@tools/mutants.sh $(LAB)

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
