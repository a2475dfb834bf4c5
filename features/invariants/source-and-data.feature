Feature: the source never changes, and only the source's data reaches the destination

  Two invariants hold for every call, success or failure: the source of a copy is left as it was, and every
  byte of the destination afterwards is either its old value or the source byte for that position. Nothing
  else (stale data, another buffer's bytes, the guard pattern) may leak into it. The kit fills every buffer
  with its own pattern, so a foreign byte is told apart from the right one.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 2 pages
    And a user buffer ubuf of 2 pages in process p1

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:copyout.succ
  Scenario: copyout leaves its driver buffer alone and writes only its data
    When process p1 calls copyout(kbuf+100, ubuf+0, 5000)
    Then copyout returns 0
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:copyout.fail.paging-fault
  Scenario: a failing copyout leaves its driver buffer alone and writes only its data
    Given page 1 of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+0, 8192)
    Then copyout returns -1
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:xmemout.succ
  Scenario: xmemout leaves kernel memory alone and writes only its data
    Given process p1 has attached descriptor d to 8192 bytes at ubuf+0
    When a kernel process calls xmemout(kbuf+8, ubuf+16, 6000, d)
    Then xmemout returns XMEM_SUCC
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:xmemout.fail.paging-io
  Scenario: a failing xmemout leaves kernel memory alone and writes only its data
    Given process p1 has attached descriptor d to 8192 bytes at ubuf+0
    And page 1 of ubuf is failing with a paging I/O error
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 8192, d)
    Then xmemout returns XMEM_FAIL
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:vm_mvc.read
  Scenario: vm_mvc VM_MVC_READ leaves the file page alone and writes only its data
    Given a file segment seg of 1 page
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 0, 0, 4096, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns 0
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:vm_mvc.write
  Scenario: vm_mvc VM_MVC_WRITE leaves the buffer alone and writes only its data into the file page
    Given a file segment seg of 1 page
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 0, 96, 4000, VM_MVC_WRITE, d, ubuf+0)
    Then vm_mvc returns 0
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:ddi_copyout.fkioctl
  Scenario: ddi_copyout with FKIOCTL leaves its driver buffer alone
    Given a kernel buffer kb2 of 1 page
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 4096, FKIOCTL)
    Then ddi_copyout returns 0
    And the source is unchanged
    And every byte written comes from the source

  @clause:inv.source-unchanged @clause:inv.no-foreign-data @clause:copyout.ioctl-efault @clause:copyout.succ
  Scenario: the model ioctl leaves the device registers alone
    When process p1 calls xx_ioctl(XX_GETREGS, ubuf+0) on the device registers at kbuf+0
    Then the ioctl returns 0
    And the source is unchanged
    And every byte written comes from the source
