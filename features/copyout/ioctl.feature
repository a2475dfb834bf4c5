Feature: a driver's ioctl returns EFAULT when copyout fails

  copyout(9F), EXAMPLES: a driver ioctl routine that, for XX_GETREGS, copies the device registers (a 12-byte
  struct device: two ints and two shorts) to the user's argument with copyout, and returns EFAULT when copyout
  returns -1, as RETURN VALUES says every driver entry point should. The kit's model driver does exactly that, so
  every cause of -1 (a paging fault on the argument or on the registers, an invalid address, the user block, a
  hardware fault) gives EFAULT, and a failed copy leaves the argument as a failed copyout would.

  Background:
    Given a user process p1
    And a kernel buffer regs of 1 page
    And a user buffer arg of 2 pages in process p1

  @clause:copyout.ioctl-efault @clause:copyout.succ
  Scenario Outline: XX_GETREGS copies the 12-byte register block to arg+<offset> and returns 0
    When process p1 calls xx_ioctl(XX_GETREGS, arg+<offset>) on the device registers at regs+0
    Then the ioctl returns 0
    And the 12 bytes at arg+<offset> are a copy of regs+0
    And nothing outside the destination changes

    Examples:
      | offset |
      | 0      |
      | 4090   |

  @clause:copyout.ioctl-efault @clause:copyout.fail.invalid-address
  Scenario Outline: XX_GETREGS with an argument at the <place> returns EFAULT
    When process p1 calls xx_ioctl(XX_GETREGS, <place>) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And arg is unchanged

    Examples:
      | place            |
      | null address     |
      | unmapped address |
      | kernel address   |

  @clause:copyout.ioctl-efault @clause:copyout.fail.user-block
  Scenario: XX_GETREGS with an argument in the user block returns EFAULT
    When process p1 calls xx_ioctl(XX_GETREGS, user block) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And arg is unchanged

  @clause:copyout.ioctl-efault @clause:copyout.fail.paging-fault
  Scenario: XX_GETREGS with a read-only argument returns EFAULT and writes nothing
    Given page 0 of arg is read-only
    When process p1 calls xx_ioctl(XX_GETREGS, arg+0) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And the 12 bytes at arg+0 are unchanged

  @clause:copyout.ioctl-efault @clause:copyout.fail.paging-fault
  Scenario: an argument that runs into a read-only page: EFAULT, and at most the bytes before that page
    Given page 1 of arg is read-only
    When process p1 calls xx_ioctl(XX_GETREGS, arg+4090) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And the 12 bytes at arg+4090 are unchanged or partly a copy of regs+0 within its first 6 bytes
    And nothing outside the destination changes

  @clause:copyout.ioctl-efault @clause:copyout.fail.paging-fault
  Scenario Outline: device registers the driver cannot read (<condition>) make XX_GETREGS return EFAULT
    Given page 0 of regs is <condition>
    When process p1 calls xx_ioctl(XX_GETREGS, arg+0) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And arg is unchanged
    And the source is unchanged

    Examples:
      | condition    |
      | inaccessible |
      | unmapped     |

  @clause:copyout.ioctl-efault @clause:copyout.fail.hardware @clause:inv.failure-effect
  Scenario: an argument whose last bytes lie in a damaged line returns EFAULT; the bytes before that line may be stored
    Given line 64 of arg has an uncorrectable hardware error
    When process p1 calls xx_ioctl(XX_GETREGS, arg+4090) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And the 12 bytes at arg+4090 are unchanged or partly a copy of regs+0 within its first 6 bytes
    And nothing outside the destination changes

  @clause:copyout.ioctl-efault @clause:copyout.fail.user-block
  Scenario: an argument just below the user block that runs into it returns EFAULT
    Given a user buffer top of 1 page in process p1 just below its user block
    When process p1 calls xx_ioctl(XX_GETREGS, top+4092) on the device registers at regs+0
    Then the ioctl returns EFAULT
    And the 12 bytes at top+4092 are unchanged or partly a copy of regs+0 within its first 4 bytes
    And nothing outside the destination changes
