/* The primary ATA channel as a PC wires it, and the register bits, commands
 * and IDENTIFY DEVICE words that the OS's driver (guestos/dev/ide.c), the
 * hypervisor's driver (hv/ata.c) and its model (hv/ide_emul.c) all use.
 * Names follow ATA/ATAPI-6 (T13/1410D), "Register descriptions". */
#ifndef KERNEL_ATA_H
#define KERNEL_ATA_H

#define ATA_BASE 0x1F0	/* the command block, ATA_BASE + ATA_REG_* */
#define ATA_PORTS 8

#define ATA_REG_DATA 0
#define ATA_REG_ERROR 1	/* read; features on write */
#define ATA_REG_SECTOR_COUNT 2
#define ATA_REG_LBA_LOW 3
#define ATA_REG_LBA_MID 4
#define ATA_REG_LBA_HIGH 5
#define ATA_REG_DEVICE 6
#define ATA_REG_STATUS 7	/* read; command on write */

#define ATA_DATA (ATA_BASE + ATA_REG_DATA)
#define ATA_ERROR (ATA_BASE + ATA_REG_ERROR)
#define ATA_SECTOR_COUNT (ATA_BASE + ATA_REG_SECTOR_COUNT)
#define ATA_LBA_LOW (ATA_BASE + ATA_REG_LBA_LOW)
#define ATA_LBA_MID (ATA_BASE + ATA_REG_LBA_MID)
#define ATA_LBA_HIGH (ATA_BASE + ATA_REG_LBA_HIGH)
#define ATA_DEVICE (ATA_BASE + ATA_REG_DEVICE)
#define ATA_STATUS (ATA_BASE + ATA_REG_STATUS)	/* read */
#define ATA_COMMAND (ATA_BASE + ATA_REG_STATUS)	/* write */
#define ATA_CONTROL 0x3F6	/* device control on write */
#define ATA_ALT_STATUS ATA_CONTROL	/* read: status without clearing a pending interrupt */

#define ATA_STATUS_ERR 0x01
#define ATA_STATUS_DRQ 0x08
#define ATA_STATUS_DSC 0x10
#define ATA_STATUS_DF 0x20
#define ATA_STATUS_DRDY 0x40
#define ATA_STATUS_BSY 0x80

#define ATA_ERROR_ABRT 0x04
#define ATA_ERROR_IDNF 0x10
#define ATA_ERROR_UNC 0x40

#define ATA_CONTROL_NIEN 0x02 /* no interrupts */
#define ATA_CONTROL_SRST 0x04 /* software reset */

#define ATA_DEVICE_MASTER 0xA0 /* device 0, with the obsolete bits 7 and 5 set */
#define ATA_DEVICE_DEV1 0x10
#define ATA_DEVICE_LBA 0x40

#define ATA_CMD_READ_SECTORS 0x20
#define ATA_CMD_WRITE_SECTORS 0x30
#define ATA_CMD_FLUSH_CACHE 0xE7
#define ATA_CMD_IDENTIFY_DEVICE 0xEC

#define ATA_ID_WORDS 256	/* IDENTIFY DEVICE data: one sector of words */
#define ATA_ID_MODEL 27	/* words 27-46: 40 ASCII characters, two per word, high byte first */
#define ATA_ID_MODEL_WORDS 20
#define ATA_ID_LBA28_SECTORS 60 /* words 60-61 */

#define ATA_SECTOR_SIZE 512
#define ATA_LBA28_LIMIT (1u << 28)
#define ATA_MAX_PER_COMMAND 256 /* a sector count register of 0 means 256 */

#endif
