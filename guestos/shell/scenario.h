/* Scenarios: named scripts of shell command lines, chosen on the kernel command
 * line with scenario=NAME, that run without input and then power off. The
 * serial log of a scenario reads like a typed session. */
#ifndef GUESTOS_SCENARIO_H
#define GUESTOS_SCENARIO_H

/* Looks for scenario=NAME in the kernel command line. A known scenario runs and
 * powers the machine off (no return). Without the key, returns at once; with an
 * unknown name, prints one line saying so and returns (the caller starts the
 * interactive shell). */
void scenario_start(const char *cmdline);

#endif
