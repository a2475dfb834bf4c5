Feature: what the caller of vm_mvc must ensure

  vm_mvc may be called from the process environment only, and the second memory object (m2) must be pinned.
  The page promises nothing to a caller that breaks these rules, so such a call is outside the contract:
  nothing is judged. The kit adds the obvious obligation that m2 is a buffer the descriptor describes and that
  the command can use (writable for VM_MVC_READ, readable for VM_MVC_WRITE).

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
      | command      |
      | VM_MVC_READ  |
      | VM_MVC_WRITE |

  @clause:vm_mvc.caller.m2-buffer
  Scenario: a descriptor that is not attached describes no m2 buffer
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, x, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.caller.m2-buffer
  Scenario: an m2 range that leaves the range the descriptor describes
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, d, ubuf+4000)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.caller.m2-buffer
  Scenario: VM_MVC_READ into a read-only m2 buffer
    Given page 0 of ubuf is read-only
    When process p1 calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, d, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer
