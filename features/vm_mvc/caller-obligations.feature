Feature: what the caller of vm_mvc must ensure, and the documented errors that come first

  vm_mvc kernel service, Ausführungsumgebung: the process environment only. Beschreibung: the second memory
  object (m2) must be pinned; the note names no command, so it holds for every command, VM_MVC_ZERO and
  VM_MVC_PROTZERO included. Parameter: m2 is described by a cross-memory descriptor and an offset into the object
  it describes, so the kit adds the obvious obligation that the descriptor is attached, that m2 lies in the range
  it describes and inside its buffer, and that the command can use it (writable for VM_MVC_READ, readable for
  VM_MVC_WRITE). The page promises nothing to a caller that breaks these rules, so such a call is outside the
  contract: nothing is judged. The errors Rückgabewerte documents (ENOENT for a file page without a real frame,
  EINVAL for an m1 range that crosses the page boundary or an invalid command) concern m1 and the command, are
  found before any byte moves, and so come before the obligations on m2.

  Background:
    Given a user process p1
    And a file segment seg of 1 page
    And a user buffer ubuf of 1 page in process p1
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0

  @clause:vm_mvc.env.process-only
  Scenario Outline: <command> at interrupt level is outside the contract
    When an interrupt handler calls vm_mvc(seg, 0, 0, 100, <command>, d, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.env.process-only

    Examples:
      | command         |
      | VM_MVC_ZERO     |
      | VM_MVC_PROTZERO |
      | VM_MVC_READ     |
      | VM_MVC_WRITE    |

  @clause:vm_mvc.m2-pinned
  Scenario Outline: <command> with an m2 buffer that is not pinned is outside the contract
    Given a user buffer loose of 1 page in process p1
    And process p1 has attached descriptor e to 4096 bytes at loose+0
    When process p1 calls vm_mvc(seg, 0, 0, 100, <command>, e, loose+0)
    Then the call breaks the caller obligation vm_mvc.m2-pinned

    Examples:
      | command         |
      | VM_MVC_READ     |
      | VM_MVC_WRITE    |
      | VM_MVC_ZERO     |
      | VM_MVC_PROTZERO |

  @clause:vm_mvc.m2-pinned
  Scenario Outline: <command> with an m2 range whose second page is not pinned is outside the contract
    Given a user buffer half of 2 pages in process p1
    And page 0 of half is pinned
    And process p1 has attached descriptor e to 8192 bytes at half+0
    When process p1 calls vm_mvc(seg, 0, 0, 200, <command>, e, half+4000)
    Then the call breaks the caller obligation vm_mvc.m2-pinned

    Examples:
      | command         |
      | VM_MVC_ZERO     |
      | VM_MVC_WRITE    |

  @clause:vm_mvc.m2-pinned
  Scenario: a special address is not a pinned m2 buffer
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_ZERO, d, null address)
    Then the call breaks the caller obligation vm_mvc.m2-pinned

  @clause:vm_mvc.caller.m2-buffer
  Scenario Outline: <command> through a descriptor that is not attached describes no m2 buffer
    When process p1 calls vm_mvc(seg, 0, 0, 100, <command>, x, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

    Examples:
      | command         |
      | VM_MVC_READ     |
      | VM_MVC_ZERO     |
      | VM_MVC_PROTZERO |

  @clause:vm_mvc.caller.m2-buffer
  Scenario: a descriptor that was detached describes no m2 buffer
    Given process p1 has detached descriptor d
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_WRITE, d, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.caller.m2-buffer
  Scenario Outline: <command> with an m2 range that leaves the range the descriptor describes
    Given a user buffer wide of 2 pages in process p1
    And pages 0 to 1 of wide are pinned
    And process p1 has attached descriptor w to 4096 bytes at wide+0
    When process p1 calls vm_mvc(seg, 0, 0, 100, <command>, w, wide+4000)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

    Examples:
      | command         |
      | VM_MVC_READ     |
      | VM_MVC_PROTZERO |

  @clause:kit.buffer-within-object
  Scenario: an m2 range that runs past the end of its buffer is outside the contract
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, d, ubuf+4000)
    Then the call breaks the caller obligation kit.buffer-within-object

  @clause:vm_mvc.caller.m2-buffer
  Scenario: VM_MVC_READ into a read-only m2 buffer
    Given page 0 of ubuf is read-only
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, d, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.caller.m2-buffer
  Scenario: VM_MVC_WRITE from an m2 buffer that cannot be read
    Given page 0 of ubuf is inaccessible
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_WRITE, d, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.zero @clause:vm_mvc.partial-page
  Scenario: VM_MVC_ZERO does not use m2, so a read-only m2 buffer is no obstacle
    Given page 0 of ubuf is read-only
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the 100 bytes at offset 0 of file page 0 of seg are zero
    And ubuf is unchanged

  @clause:vm_mvc.einval.boundary
  Scenario: a VM_MVC_READ whose m1 range crosses the page end is EINVAL even when m2 is shorter than the count
    When process p1 calls vm_mvc(seg, 0, 4000, 200, VM_MVC_READ, d, ubuf+4000)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

  @clause:vm_mvc.einval.boundary
  Scenario Outline: <command> whose m1 range crosses the page end is EINVAL even with an m2 buffer that is not pinned
    Given a user buffer loose of 1 page in process p1
    And process p1 has attached descriptor e to 4096 bytes at loose+0
    When process p1 calls vm_mvc(seg, 0, 4000, 200, <command>, e, loose+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And loose is unchanged

    Examples:
      | command         |
      | VM_MVC_ZERO     |
      | VM_MVC_PROTZERO |
      | VM_MVC_WRITE    |

  @clause:vm_mvc.einval.cmd
  Scenario: an invalid command is EINVAL even through a descriptor that is not attached
    When process p1 calls vm_mvc(seg, 0, 0, 100, 9, x, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

  @clause:vm_mvc.enoent
  Scenario: a file page without a real frame is ENOENT even with an m2 buffer that is not pinned
    Given a user buffer loose of 1 page in process p1
    And process p1 has attached descriptor e to 4096 bytes at loose+0
    And file page 0 of seg has no real frame
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, e, loose+0)
    Then vm_mvc returns ENOENT
    And seg is unchanged
    And loose is unchanged

  @clause:vm_mvc.enoent
  Scenario: a page number past the end of the file segment is ENOENT even when m2 runs past its buffer
    When process p1 calls vm_mvc(seg, 3, 0, 200, VM_MVC_WRITE, d, ubuf+4000)
    Then vm_mvc returns ENOENT
    And ubuf is unchanged
