@clause:inv.failure-effect
Feature: after a failure, each byte the copy could store is old or new, and each byte it could not store is old

  No manual page says what the destination holds when a copy fails: copyout(9F), RETURN VALUES, the xmemout
  kernel service's Return Values and vm_mvc's Rückgabewerte name only the return value. A copy may run in any
  order (by words, by lines, by pages, backwards) and stop anywhere, so the kit allows every byte the copy could
  store to hold its old value or exactly its new byte, in any mix: untouched, a prefix, a suffix or bytes on both
  sides of a fault. A byte the copy could not store (a read-only, inaccessible or unmapped page, a damaged line,
  an ADI-mismatched line, the user block, a byte whose source cannot be read) keeps its old value, and nothing
  outside the destination changes. Which shape an implementation leaves is recorded as an implementation-defined
  answer. Causes found before any byte moves (vm_mvc's ENOENT and EINVAL) leave everything unchanged.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer ubuf of 4 pages in process p1

  @clause:copyout.fail.paging-fault
  Scenario Outline: a failing copyout of <count> bytes at ubuf+<to> with page <page> read-only may store <storable>
    Given page <page> of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+<to>, <count>)
    Then copyout returns -1
    And the <count> bytes at ubuf+<to> are unchanged or partly a copy of kbuf+0 within bytes <storable>
    And nothing outside the destination changes

    Examples: a prefix, before the read-only page
      | page | to   | count | storable   |
      | 1    | 0    | 8192  | 0 to 4095  |
      | 3    | 5    | 16379 | 0 to 12282 |
      | 2    | 4097 | 5000  | 0 to 4094  |

    Examples: a suffix, after the read-only page, and bytes on both sides of it
      | page | to   | count | storable                 |
      | 0    | 0    | 8192  | 4096 to 8191             |
      | 1    | 4000 | 8292  | 0 to 95 and 4192 to 8291 |

  @clause:copyout.fail.hardware
  Scenario: a damaged line in the middle of a one-page copyout: the bytes on both sides may hold the new data
    Given line 10 of ubuf has an uncorrectable hardware error
    When process p1 calls copyout(kbuf+0, ubuf+0, 4096)
    Then copyout returns -1
    And the 4096 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 639 and 704 to 4095
    And the 64 bytes at ubuf+640 are unchanged
    And nothing outside the destination changes

  @clause:copyout.fail.invalid-address @clause:copyout.fail.paging-fault
  Scenario: a hole and a read-only page in one copyout leave three storable pieces
    Given page 1 of ubuf is unmapped
    And page 3 of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+100, 16000)
    Then copyout returns -1
    And the 16000 bytes at ubuf+100 are unchanged or partly a copy of kbuf+0 within bytes 0 to 3995 and 8092 to 12187
    And nothing outside the destination changes

  @clause:xmemout.fail.range
  Scenario: a failing xmemout may store the bytes before the hole
    Given process p1 has attached descriptor d to 16384 bytes at ubuf+0
    And page 3 of ubuf is unmapped
    When a kernel process calls xmemout(kbuf+0, ubuf+10, 16000, d)
    Then xmemout returns XMEM_FAIL
    And the 16000 bytes at ubuf+10 are unchanged or partly a copy of kbuf+0 within its first 12278 bytes
    And nothing outside the destination changes

  @clause:xmemout.fail.authority @clause:xmemout.env.interrupt
  Scenario: a failing xmemout may store the bytes on both sides of a read-only page
    Given process p1 has attached descriptor d to 16384 bytes at ubuf+0
    And page 1 of ubuf is read-only
    When an interrupt handler calls xmemout(kbuf+0, ubuf+10, 16000, d)
    Then xmemout returns XMEM_FAIL
    And the 16000 bytes at ubuf+10 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4085 and 8182 to 15999
    And the 4096 bytes at ubuf+4096 are unchanged
    And nothing outside the destination changes

  @clause:xmemout.fail.paging-io @clause:xmemout.hardware-error
  Scenario: a failing xmemout with a paging I/O error and a damaged line keeps both unchanged
    Given process p1 has attached descriptor d to 16384 bytes at ubuf+0
    And line 10 of ubuf has an uncorrectable hardware error
    And page 2 of ubuf is failing with a paging I/O error
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 16384, d)
    Then xmemout returns XMEM_FAIL
    And the 16384 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 639 and 704 to 8191 and 12288 to 16383
    And nothing outside the destination changes

  @clause:copyout.ioctl-efault @clause:copyout.fail.invalid-address
  Scenario: a failing ioctl may store the bytes before the hole
    Given page 1 of ubuf is unmapped
    When process p1 calls xx_ioctl(XX_GETREGS, ubuf+4088) on the device registers at kbuf+0
    Then the ioctl returns EFAULT
    And the 12 bytes at ubuf+4088 are unchanged or partly a copy of kbuf+0 within its first 8 bytes

  @clause:vm_mvc.einval.boundary
  Scenario: a vm_mvc VM_MVC_READ that fails with EINVAL touches neither the file page nor the buffer
    Given a file segment seg of 1 page
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 0, 4000, 200, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

  @clause:vm_mvc.enoent
  Scenario: a vm_mvc VM_MVC_WRITE that fails with ENOENT touches neither the file page nor the buffer
    Given a file segment seg of 1 page
    And file page 0 of seg has no real frame
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls vm_mvc(seg, 0, 0, 200, VM_MVC_WRITE, d, ubuf+0)
    Then vm_mvc returns ENOENT
    And seg is unchanged
    And ubuf is unchanged
