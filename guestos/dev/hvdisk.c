/* The hypercall disk. A request becomes one HC_DISK_IO per
 * HV_DISK_MAX_SECTORS: the hypervisor's driver (hv/ata.c) does the whole
 * ATA command, so a sector costs a fraction of an exit, where the emulated
 * disk costs several per sector. The request block and the caller's buffer
 * are guest-virtual addresses the hypervisor checks. */
#include "guestos/dev/hvdisk.h"
#include "guestos/dev/dev.h"
#include "guestos/hvload/hypercall.h"
#include "hv/abi.h"
#include "kernel/errno.h"

/* The direct driver this one stands in for: its size and model. */
static const struct blockdev_ops *direct;

static int
hvdisk_request(uint32_t op, uint32_t lba, uint32_t count, const void *buf)
{
	if (count == 0 || (uint64_t)lba + count > direct->sectors())
		return -EINVAL;
	int err = 0;
	dev_disk_claim();
	for (uint32_t done = 0; !err && done < count; done += HV_DISK_MAX_SECTORS) {
		static struct hv_disk_request req __attribute__((aligned(8)));
		req.op = op;
		req.lba = lba + done;
		req.count = count - done < HV_DISK_MAX_SECTORS ? count - done : HV_DISK_MAX_SECTORS;
		req.buf = (uint64_t)buf + (uint64_t)done * SECTOR_SIZE;
		err = (int)hypercall(HC_DISK_IO, (uint64_t)&req, 0, 0);
	}
	dev_disk_release();
	return err;
}

static int
hvdisk_read(uint32_t lba, uint32_t count, void *buf)
{
	return hvdisk_request(HV_DISK_READ, lba, count, buf);
}

static int
hvdisk_write(uint32_t lba, uint32_t count, const void *buf)
{
	return hvdisk_request(HV_DISK_WRITE, lba, count, buf);
}

static uint32_t
hvdisk_sectors(void)
{
	return direct->sectors();
}

static const char *
hvdisk_model(void)
{
	return direct->model();
}

static const struct blockdev_ops hvdisk_ops = {
	.name = "hvdisk",
	.read = hvdisk_read,
	.write = hvdisk_write,
	.sectors = hvdisk_sectors,
	.model = hvdisk_model,
};

int
hvdisk_enable(void)
{
	dev_disk_claim();
	int err = (int)hypercall(HC_DEVICE_OWN, HV_DEV_IDE, 1, 0);
	if (!err) {
		direct = dev_disk();
		dev_set_disk(&hvdisk_ops);
	}
	dev_disk_release();
	return err;
}

int
hvdisk_disable(void)
{
	dev_disk_claim();
	int err = (int)hypercall(HC_DEVICE_OWN, HV_DEV_IDE, 0, 0);
	if (!err)
		dev_set_disk(direct);
	dev_disk_release();
	return err;
}
