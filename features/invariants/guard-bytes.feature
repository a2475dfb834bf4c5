@clause:inv.no-write-outside
Feature: no call changes a byte outside its destination

  Whatever a call returns, it may change only the bytes of its destination range. The kit surrounds every
  buffer with a guard page on each side, mapped read-write and filled with a known pattern, and reads the
  whole buffer and both guard pages back after every call: one changed byte outside the destination, guard
  pages included, is a failure. These scenarios put the destination against the edges of its buffer, where an
  off-by-one write lands in a guard page.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 2 pages
    And a user buffer ubuf of 1 page in process p1

  @clause:copyout.succ
  Scenario Outline: copyout of <count> bytes ending exactly at the end of the user buffer
    When process p1 calls copyout(kbuf+0, ubuf+<to>, <count>)
    Then copyout returns 0
    And the <count> bytes at ubuf+<to> are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | to   | count |
      | 4095 | 1     |
      | 4088 | 8     |
      | 4031 | 65    |
      | 0    | 4096  |

  @clause:copyout.fail.paging-fault
  Scenario: a failing copyout changes nothing outside its destination either
    Given a user buffer two of 2 pages in process p1
    And page 1 of two is read-only
    When process p1 calls copyout(kbuf+0, two+100, 8000)
    Then copyout returns -1
    And nothing outside the destination changes

  @clause:xmemout.succ @clause:xmemout.env.interrupt
  Scenario Outline: xmemout of <count> bytes to ubuf+<to>, against an edge of the user buffer
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When an interrupt handler calls xmemout(kbuf+0, ubuf+<to>, <count>, d)
    Then xmemout returns XMEM_SUCC
    And the <count> bytes at ubuf+<to> are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | to   | count |
      | 0    | 1     |
      | 4095 | 1     |
      | 0    | 4096  |

  @clause:vm_mvc.read @clause:vm_mvc.partial-page
  Scenario: vm_mvc VM_MVC_READ into the last bytes of the m2 buffer
    Given a file segment seg of 1 page
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 0, 0, 16, VM_MVC_READ, d, ubuf+4080)
    Then vm_mvc returns 0
    And the 16 bytes at ubuf+4080 are a copy of offset 0 of file page 0 of seg
    And nothing outside the destination changes

  @clause:vm_mvc.zero @clause:vm_mvc.partial-page
  Scenario: vm_mvc VM_MVC_ZERO of the last byte of the last file page
    Given a file segment seg of 2 pages
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 1, 4095, 1, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the 1 byte at offset 4095 of file page 1 of seg is zero
    And nothing outside the destination changes

  @clause:ddi_copyout.fkioctl
  Scenario: ddi_copyout with FKIOCTL into the first byte of a kernel buffer
    Given a kernel buffer kb2 of 1 page
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 1, FKIOCTL)
    Then ddi_copyout returns 0
    And the 1 byte at kb2+0 is a copy of kbuf+0
    And nothing outside the destination changes
