/* crc32sum: the CRC-32 of standard input, printed as `disk sum` prints it
 * (0x%08x), so tests can check the guest's checksums from the host.
 * Uses the guest's own kernel/crc32.c: coreutils' cksum is a different CRC. */
#include <stdio.h>
#include "kernel/crc32.h"

int
main(void)
{
	unsigned char buf[65536];
	size_t n;
	uint32_t crc = 0;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		crc = crc32_update(crc, buf, n);
	if (ferror(stdin)) {
		perror("crc32sum");
		return 1;
	}
	printf("0x%08x\n", crc);
	return 0;
}
