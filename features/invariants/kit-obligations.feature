Feature: what the kit itself asks of every scenario

  Beyond the manual pages, the kit makes a few rules of its own so that every outcome can be judged byte by
  byte: a buffer handed to a service lies inside one object (never reaching into the guard pages around it);
  the source and the destination of a copy do not overlap (copies are memcpy, not memmove); the model driver
  knows only its XX_GETREGS ioctl. A call that breaks one of them is outside the contract. And the kit must be
  able to read back every page the model says is readable: an implementation that hides memory from the kit
  cannot be judged.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 2 pages
    And a user buffer ubuf of 1 page in process p1

  @clause:kit.buffer-within-object
  Scenario: a copyout destination that runs past the end of its buffer
    When process p1 calls copyout(kbuf+0, ubuf+4000, 200)
    Then the call breaks the caller obligation kit.buffer-within-object

  @clause:kit.buffer-within-object
  Scenario: a copyout destination that starts in the guard page before its buffer
    When process p1 calls copyout(kbuf+0, ubuf-8, 16)
    Then the call breaks the caller obligation kit.buffer-within-object

  @clause:kit.buffer-within-object
  Scenario: an xmattach range larger than its buffer
    When process p1 calls xmattach(ubuf+0, 8192, d, USER_ADSPACE)
    Then the call breaks the caller obligation kit.buffer-within-object

  @clause:kit.no-overlap
  Scenario: ddi_copyout with FKIOCTL from a kernel buffer into an overlapping part of itself
    When a kernel process calls ddi_copyout(kbuf+0, kbuf+8, 64, FKIOCTL)
    Then the call breaks the caller obligation kit.no-overlap

  @clause:kit.ioctl-command
  Scenario: an ioctl command the model driver does not define
    When process p1 calls xx_ioctl(7, ubuf+0) on the device registers at kbuf+0
    Then the call breaks the caller obligation kit.ioctl-command

  @clause:kit.observable @clause:copyout.succ
  Scenario: the kit reads back the destination, the source and their guard pages after a call
    When process p1 calls copyout(kbuf+0, ubuf+0, 4096)
    Then copyout returns 0
    And the outcome is allowed by the documentation

  @clause:kit.observable @clause:copyout.succ
  Scenario: the kit's own reads of memory agree with the model
    Given process p1 calls copyout(kbuf+0, ubuf+0, 100)
    When the kit reads 4096 bytes of ubuf from offset 0
    Then the outcome is allowed by the documentation
