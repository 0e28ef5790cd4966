/* SOURCES: hv/uart_emul.c */
/* The 16550A model through its port interface, register by register, with the
 * probes real drivers run (FIFO detection through IIR, the loopback test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hv/uart_emul.h"
#include "kernel/errno.h"
#include "kernel/serial.h"

/* A seeded model: divisor 1, 8N1, the given FCR, IER and MCR, modem lines off. */
static void
uart_setup(struct uart_emul *u, uint8_t fcr, uint8_t ier, uint8_t mcr)
{
	struct uart_regs regs = { .divisor = 1, .lcr = 0x03, .fcr = fcr, .ier = ier, .mcr = mcr };
	assert_int_equal(uart_emul_seed(u, &regs), 0);
}

static void
scratch_register_round_trips(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0, 0, 0);
	const uint8_t values[] = { 0x00, 0x55, 0xAA, 0xFF, 0x5A };
	for (size_t i = 0; i < sizeof(values); i++) {
		uart_emul_write(&u, UART_SCR, values[i]);
		assert_int_equal(uart_emul_read(&u, UART_SCR), values[i]);
	}
}

static void
fcr_c7_identifies_a_16550a_and_fcr_0_a_16450(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0, 0, 0);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x01);
	uart_emul_write(&u, UART_FCR, 0xC7);
	assert_int_equal(uart_emul_read(&u, UART_IIR) & 0xC0, 0xC0);
	uart_emul_write(&u, UART_FCR, 0x00);
	assert_int_equal(uart_emul_read(&u, UART_IIR) & 0xC0, 0x00);
	/* Without bit 0 the other FCR bits are not programmed. */
	uart_emul_write(&u, UART_FCR, 0xC6);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x01);
	struct uart_regs out;
	assert_int_equal(uart_emul_export(&u, &out), 0);
	assert_int_equal(out.fcr, 0xC0);	/* the trigger last programmed, FIFOs off */
}

static void
loopback_probe_mirrors_mcr_in_msr(void **state)
{
	(void)state;
	struct uart_emul u;
	struct uart_regs regs = { .msr = 0xB0 };	/* DCD DSR CTS on the real line */
	assert_int_equal(uart_emul_seed(&u, &regs), 0);
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0xF0, 0xB0);
	uart_emul_write(&u, UART_MCR, 0x10);
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0xF0, 0x00);
	uart_emul_write(&u, UART_MCR, 0x1F);
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0xF0, 0xF0);
	/* One output at a time: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD. */
	const uint8_t mcr[] = { 0x12, 0x11, 0x14, 0x18 };
	const uint8_t msr[] = { 0x10, 0x20, 0x40, 0x80 };
	for (int i = 0; i < 4; i++) {
		uart_emul_write(&u, UART_MCR, mcr[i]);
		assert_int_equal(uart_emul_read(&u, UART_MSR) & 0xF0, msr[i]);
	}
	uart_emul_write(&u, UART_MCR, 0x00);
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0xF0, 0xB0);
}

static void
msr_deltas_set_on_change_and_clear_on_read(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0, 0x08, 0x08);
	uart_emul_write(&u, UART_MCR, 0x18);	/* loopback: DCD follows OUT2 */
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x00);
	assert_false(uart_emul_irq_level(&u));	/* loopback disconnects the IRQ */
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x80 | 0x08);
	uart_emul_write(&u, UART_MCR, 0x17);	/* CTS DSR RI on, DCD off */
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x70 | 0x01 | 0x02 | 0x08);
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x70);
	uart_emul_write(&u, UART_MCR, 0x13);	/* RI off: trailing edge */
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x00);
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x30 | 0x04);
	uart_emul_write(&u, UART_MCR, 0x17);	/* RI on again: no TERI on a leading edge */
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x70);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x01);
}

static void
divisor_latch_sits_behind_dlab(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0, 0, 0);
	uart_emul_write(&u, UART_LCR, 0x83);
	assert_int_equal(uart_emul_read(&u, UART_LCR), 0x83);
	assert_int_equal(uart_emul_read(&u, UART_DLL), 0x01);
	uart_emul_write(&u, UART_DLL, 0x0C);
	uart_emul_write(&u, UART_DLM, 0x02);
	assert_int_equal(uart_emul_read(&u, UART_DLL), 0x0C);
	assert_int_equal(uart_emul_read(&u, UART_DLM), 0x02);
	assert_int_equal(uart_emul_tx_pop(&u), -ENOENT);	/* DLL is not THR */
	uart_emul_write(&u, UART_LCR, 0x03);
	uart_emul_write(&u, UART_IER, 0x0F);
	uart_emul_write(&u, UART_THR, 'x');
	assert_int_equal(uart_emul_read(&u, UART_IER), 0x0F);
	assert_int_equal(uart_emul_tx_pop(&u), 'x');
	struct uart_regs out;
	assert_int_equal(uart_emul_export(&u, &out), 0);
	assert_int_equal(out.divisor, 0x020C);
	assert_int_equal(out.lcr, 0x03);
}

static void
lsr_shows_the_transmitter(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0, 0);
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
	uart_emul_write(&u, UART_THR, 'a');
	uart_emul_write(&u, UART_THR, 'b');
	assert_int_equal(uart_emul_read(&u, UART_LSR) & 0x60, 0x00);
	assert_int_equal(uart_emul_tx_pop(&u), 'a');
	assert_int_equal(uart_emul_read(&u, UART_LSR) & 0x60, 0x00);
	assert_int_equal(uart_emul_tx_pop(&u), 'b');
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
	assert_int_equal(uart_emul_tx_pop(&u), -ENOENT);
	/* Sixteen bytes fill the FIFO; a seventeenth is dropped. */
	for (int i = 0; i < 17; i++)
		uart_emul_write(&u, UART_THR, (uint8_t)i);
	for (int i = 0; i < 16; i++)
		assert_int_equal(uart_emul_tx_pop(&u), i);
	assert_int_equal(uart_emul_tx_pop(&u), -ENOENT);
}

static void
thre_interrupt_follows_the_chip(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0, 0x08);
	assert_false(uart_emul_irq_level(&u));
	uart_emul_write(&u, UART_IER, 0x02);	/* enabling with THR empty raises it */
	assert_true(uart_emul_irq_level(&u));
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC2);
	assert_false(uart_emul_irq_level(&u));	/* reading IIR acknowledged it */
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);
	uart_emul_write(&u, UART_THR, 'z');
	assert_false(uart_emul_irq_level(&u));
	assert_int_equal(uart_emul_tx_pop(&u), 'z');
	assert_true(uart_emul_irq_level(&u));	/* the transmitter ran dry */
	uart_emul_write(&u, UART_THR, 'y');	/* writing THR acknowledges too */
	assert_false(uart_emul_irq_level(&u));
	uart_emul_tx_pop(&u);
	uart_emul_read(&u, UART_IIR);
	uart_emul_write(&u, UART_IER, 0x00);
	uart_emul_write(&u, UART_IER, 0x02);	/* a new 0 -> 1 edge reasserts it */
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC2);
	uart_emul_write(&u, UART_IER, 0x02);	/* no edge: nothing new */
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);
}

static void
rx_interrupt_at_each_trigger_level(void **state)
{
	(void)state;
	const uint8_t fcr[] = { 0x07, 0x47, 0x87, 0xC7 };
	const int level[] = { 1, 4, 8, 14 };
	for (int t = 0; t < 4; t++) {
		struct uart_emul u;
		uart_setup(&u, fcr[t], 0x01, 0x08);
		for (int i = 0; i < level[t] - 1; i++)
			assert_int_equal(uart_emul_rx_push(&u, (uint8_t)i), 0);
		assert_false(uart_emul_irq_level(&u));
		assert_int_equal(uart_emul_rx_push(&u, 0x55), 0);
		assert_true(uart_emul_irq_level(&u));
		assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC4);
		uart_emul_read(&u, UART_RBR);	/* below the trigger again */
		if (level[t] > 1) {
			assert_false(uart_emul_irq_level(&u));
			uart_emul_rx_idle(&u);	/* character timeout */
			assert_int_equal(uart_emul_read(&u, UART_IIR), 0xCC);
			uart_emul_read(&u, UART_RBR);
		}
		assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);
		assert_false(uart_emul_irq_level(&u));
	}
}

static void
bytes_arrive_in_order_and_timeout_needs_data(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0x01, 0x08);
	uart_emul_rx_idle(&u);
	assert_false(uart_emul_irq_level(&u));
	for (int i = 0; i < 5; i++)
		uart_emul_rx_push(&u, (uint8_t)('a' + i));
	assert_int_equal(uart_emul_rx_room(&u), 11);
	for (int i = 0; i < 5; i++) {
		assert_true(uart_emul_read(&u, UART_LSR) & 0x01);
		assert_int_equal(uart_emul_read(&u, UART_RBR), 'a' + i);
	}
	assert_false(uart_emul_read(&u, UART_LSR) & 0x01);
	assert_int_equal(uart_emul_read(&u, UART_RBR), 0);
}

static void
overrun_sets_oe_until_lsr_is_read(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0x05, 0x08);
	for (int i = 0; i < 16; i++)
		assert_int_equal(uart_emul_rx_push(&u, (uint8_t)i), 0);
	assert_int_equal(uart_emul_rx_room(&u), 0);
	assert_int_equal(uart_emul_rx_push(&u, 99), -ENOSPC);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC6);	/* line status first */
	assert_int_equal(uart_emul_read(&u, UART_LSR) & 0x03, 0x03);
	assert_int_equal(uart_emul_read(&u, UART_LSR) & 0x03, 0x01);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC4);
	for (int i = 0; i < 16; i++)	/* the byte that overran is lost */
		assert_int_equal(uart_emul_read(&u, UART_RBR), i);
	/* Without FIFOs the new byte overwrites RBR. */
	uart_setup(&u, 0x00, 0x05, 0x08);
	assert_int_equal(uart_emul_rx_room(&u), 1);
	assert_int_equal(uart_emul_rx_push(&u, 1), 0);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x04);
	assert_int_equal(uart_emul_rx_push(&u, 2), -ENOSPC);
	assert_int_equal(uart_emul_read(&u, UART_LSR) & 0x03, 0x03);
	assert_int_equal(uart_emul_read(&u, UART_RBR), 2);
}

static void
ier_zero_keeps_the_irq_low(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0x0F, 0x08);
	for (int i = 0; i < 17; i++)
		uart_emul_rx_push(&u, (uint8_t)i);
	assert_true(uart_emul_irq_level(&u));
	uart_emul_write(&u, UART_IER, 0x00);
	assert_false(uart_emul_irq_level(&u));
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);
	assert_int_equal(uart_emul_read(&u, UART_IER), 0x00);
	uart_emul_write(&u, UART_IER, 0xFF);	/* bits 7:4 do not exist */
	assert_int_equal(uart_emul_read(&u, UART_IER), 0x0F);
}

static void
out2_gates_the_irq_and_loopback_disconnects_it(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0x07, 0x01, 0x00);
	uart_emul_rx_push(&u, 'q');
	assert_false(uart_emul_irq_level(&u));
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC4);	/* pending inside the chip */
	uart_emul_write(&u, UART_MCR, 0x08);
	assert_true(uart_emul_irq_level(&u));
	uart_emul_write(&u, UART_MCR, 0x18);
	assert_false(uart_emul_irq_level(&u));
	uart_emul_write(&u, UART_MCR, 0xFF);	/* bits 7:5 do not exist */
	assert_int_equal(uart_emul_read(&u, UART_MCR), 0x1F);
}

static void
loopback_sends_thr_to_the_receiver(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0x02, 0x1B);
	uart_emul_write(&u, UART_THR, 'h');
	uart_emul_write(&u, UART_THR, 'i');
	assert_int_equal(uart_emul_tx_pop(&u), -ENOENT);
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x61);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC2);	/* THR empty again */
	assert_int_equal(uart_emul_read(&u, UART_RBR), 'h');
	assert_int_equal(uart_emul_read(&u, UART_RBR), 'i');
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
}

static void
iir_reports_sources_in_priority_order(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0x07, 0x0F, 0x08);
	uart_emul_read(&u, UART_MSR);
	uart_emul_write(&u, UART_MCR, 0x0A);	/* outside loopback RTS does not reach CTS */
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0x0F, 0);
	uart_emul_write(&u, UART_MCR, 0x1A);	/* loopback: CTS and DCD change */
	uart_emul_write(&u, UART_MCR, 0x0A);	/* and change back to the real lines */
	for (int i = 0; i < 17; i++)
		uart_emul_rx_push(&u, 'x');
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC6);
	uart_emul_read(&u, UART_LSR);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC4);
	for (int i = 0; i < 16; i++)
		uart_emul_read(&u, UART_RBR);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC2);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC0);
	assert_int_equal(uart_emul_read(&u, UART_MSR) & 0x0F, 0x09);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);
}

static void
fcr_clears_the_fifos(void **state)
{
	(void)state;
	struct uart_emul u;
	uart_setup(&u, 0xC7, 0x03, 0x08);
	uart_emul_read(&u, UART_IIR);
	uart_emul_rx_push(&u, 1);
	uart_emul_write(&u, UART_THR, 2);
	uart_emul_write(&u, UART_FCR, 0xC3);
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x00);	/* RX gone, TX kept */
	uart_emul_write(&u, UART_FCR, 0xC5);
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
	assert_int_equal(uart_emul_tx_pop(&u), -ENOENT);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC2);	/* emptied: THR-empty */
	uart_emul_rx_push(&u, 3);
	uart_emul_write(&u, UART_FCR, 0x00);	/* leaving FIFO mode empties both */
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
}

static void
seed_and_export_round_trip(void **state)
{
	(void)state;
	struct uart_emul u;
	struct uart_regs in;
	memset(&in, 0, sizeof(in));	/* padding too: the export is compared bytewise */
	in.divisor = 0x0180;
	in.lcr = 0x1B;
	in.ier = 0x05;
	in.mcr = 0x0B;
	in.fcr = 0x81;
	in.scr = 0x42;
	in.msr = 0x30;
	in.rx_count = 3;
	memcpy(in.rx, "abc", 3);
	assert_int_equal(uart_emul_seed(&u, &in), 0);
	assert_int_equal(uart_emul_read(&u, UART_LCR), 0x1B);
	assert_int_equal(uart_emul_read(&u, UART_IER), 0x05);
	assert_int_equal(uart_emul_read(&u, UART_MCR), 0x0B);
	assert_int_equal(uart_emul_read(&u, UART_SCR), 0x42);
	assert_int_equal(uart_emul_read(&u, UART_MSR), 0x30);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0xC1);	/* 3 bytes, trigger 8 */
	struct uart_regs out;
	assert_int_equal(uart_emul_export(&u, &out), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	assert_int_equal(uart_emul_read(&u, UART_RBR), 'a');
	uart_emul_write(&u, UART_THR, '!');
	assert_int_equal(uart_emul_export(&u, &out), -EBUSY);
	uart_emul_tx_pop(&u);
	assert_int_equal(uart_emul_export(&u, &out), 0);
	assert_int_equal(out.rx_count, 2);
	assert_memory_equal(out.rx, "bc", 2);
	in.rx_count = 17;
	assert_int_equal(uart_emul_seed(&u, &in), -EINVAL);
	in.rx_count = 2;
	in.fcr = 0;
	assert_int_equal(uart_emul_seed(&u, &in), -EINVAL);
	struct uart_regs reset = { 0 };
	assert_int_equal(uart_emul_seed(&u, &reset), 0);
	assert_int_equal(uart_emul_read(&u, UART_IIR), 0x01);
	assert_int_equal(uart_emul_read(&u, UART_LSR), 0x60);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scratch_register_round_trips),
		cmocka_unit_test(fcr_c7_identifies_a_16550a_and_fcr_0_a_16450),
		cmocka_unit_test(loopback_probe_mirrors_mcr_in_msr),
		cmocka_unit_test(msr_deltas_set_on_change_and_clear_on_read),
		cmocka_unit_test(divisor_latch_sits_behind_dlab),
		cmocka_unit_test(lsr_shows_the_transmitter),
		cmocka_unit_test(thre_interrupt_follows_the_chip),
		cmocka_unit_test(rx_interrupt_at_each_trigger_level),
		cmocka_unit_test(bytes_arrive_in_order_and_timeout_needs_data),
		cmocka_unit_test(overrun_sets_oe_until_lsr_is_read),
		cmocka_unit_test(ier_zero_keeps_the_irq_low),
		cmocka_unit_test(out2_gates_the_irq_and_loopback_disconnects_it),
		cmocka_unit_test(loopback_sends_thr_to_the_receiver),
		cmocka_unit_test(iir_reports_sources_in_priority_order),
		cmocka_unit_test(fcr_clears_the_fifos),
		cmocka_unit_test(seed_and_export_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
