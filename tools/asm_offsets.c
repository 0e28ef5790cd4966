/* Structure offsets for assembly: compiled with -S, and every "->NAME VALUE"
 * marker becomes "#define NAME VALUE" in build/gen/asm_offsets.h (Makefile). */
#include <stddef.h>
#include "hv/abi.h"
#include "hv/regs.h"
#include "guestos/cpu/fault_catch.h"

#define CONSTANT(name, value) __asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))
#define OFFSET(name, type, member) CONSTANT(name, offsetof(type, member))
#define GPR(name) OFFSET(REGS_##name, struct hv_regs, gpr[GPR_##name])

void asm_offsets(void);

void
asm_offsets(void)
{
	OFFSET(LAUNCH_RIP, struct hv_launch, state.rip);
	OFFSET(LAUNCH_RSP, struct hv_launch, state.rsp);
	OFFSET(LAUNCH_RFLAGS, struct hv_launch, state.rflags);
	OFFSET(LAUNCH_RBX, struct hv_launch, state.rbx);
	OFFSET(LAUNCH_RBP, struct hv_launch, state.rbp);
	OFFSET(LAUNCH_R12, struct hv_launch, state.r12);
	OFFSET(LAUNCH_R13, struct hv_launch, state.r13);
	OFFSET(LAUNCH_R14, struct hv_launch, state.r14);
	OFFSET(LAUNCH_R15, struct hv_launch, state.r15);
	OFFSET(LAUNCH_CS, struct hv_launch, state.cs);
	OFFSET(LAUNCH_SS, struct hv_launch, state.ss);
	OFFSET(LAUNCH_DS, struct hv_launch, state.ds);
	OFFSET(LAUNCH_ES, struct hv_launch, state.es);
	OFFSET(LAUNCH_FS, struct hv_launch, state.fs);
	OFFSET(LAUNCH_GS, struct hv_launch, state.gs);
	OFFSET(LAUNCH_REASON, struct hv_launch, reason);
	CONSTANT(LAUNCH_REASON_LEN, HV_REASON_LEN);

	OFFSET(STATE_RIP, struct hv_cpu_state, rip);
	OFFSET(STATE_RSP, struct hv_cpu_state, rsp);
	OFFSET(STATE_RFLAGS, struct hv_cpu_state, rflags);
	OFFSET(STATE_CS, struct hv_cpu_state, cs);
	OFFSET(STATE_SS, struct hv_cpu_state, ss);
	OFFSET(STATE_DS, struct hv_cpu_state, ds);
	OFFSET(STATE_ES, struct hv_cpu_state, es);
	OFFSET(STATE_FS, struct hv_cpu_state, fs);
	OFFSET(STATE_GS, struct hv_cpu_state, gs);
	OFFSET(STATE_FS_BASE, struct hv_cpu_state, fs_base);
	OFFSET(STATE_GS_BASE, struct hv_cpu_state, gs_base);

	GPR(RAX);
	GPR(RCX);
	GPR(RDX);
	GPR(RBX);
	GPR(RBP);
	GPR(RSI);
	GPR(RDI);
	GPR(R8);
	GPR(R9);
	GPR(R10);
	GPR(R11);
	GPR(R12);
	GPR(R13);
	GPR(R14);
	GPR(R15);
	OFFSET(REGS_SIZE, struct hv_regs, gpr[GPR_COUNT]);

	OFFSET(CATCH_RBX, struct fault_catch_ctx, rbx);
	OFFSET(CATCH_RBP, struct fault_catch_ctx, rbp);
	OFFSET(CATCH_R12, struct fault_catch_ctx, r12);
	OFFSET(CATCH_R13, struct fault_catch_ctx, r13);
	OFFSET(CATCH_R14, struct fault_catch_ctx, r14);
	OFFSET(CATCH_R15, struct fault_catch_ctx, r15);
	OFFSET(CATCH_RSP, struct fault_catch_ctx, rsp);
	OFFSET(CATCH_RFLAGS, struct fault_catch_ctx, rflags);
}
