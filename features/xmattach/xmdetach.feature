Feature: xmdetach releases a cross-memory descriptor

  xmdetach(dp) tells the system that the buffer dp describes will no longer be used for cross-memory moves: the
  descriptor becomes invalid (its address space id becomes XMEM_INVAL) and later moves through it fail. It
  returns XMEM_SUCC, or XMEM_FAIL when the descriptor is not valid. It may be called from the process or the
  interrupt environment.

  Background:
    Given a user process p1
    And a user buffer ubuf of 1 page in process p1
    And a kernel buffer kbuf of 1 page

  @clause:xmdetach.succ
  Scenario Outline: <caller> detaches an attached descriptor
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When <caller> calls xmdetach(d)
    Then xmdetach returns XMEM_SUCC
    And descriptor d is no longer valid
    And ubuf is unchanged

    Examples:
      | caller               |
      | process p1           |
      | a kernel process     |
      | an interrupt handler |

  @clause:xmdetach.succ @clause:xmemout.fail.descriptor
  Scenario: a move through a detached descriptor fails
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    And process p1 has detached descriptor d
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 4096, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

  @clause:xmdetach.fail.invalid
  Scenario Outline: detaching a descriptor that was never attached fails, called by <caller>
    When <caller> calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL

    Examples:
      | caller               |
      | process p1           |
      | an interrupt handler |

  @clause:xmdetach.fail.invalid
  Scenario: detaching a descriptor twice fails the second time
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    And process p1 has detached descriptor d
    When process p1 calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL

  @clause:xmdetach.fail.invalid @clause:xmattach.fail.count
  Scenario: a descriptor whose xmattach failed cannot be detached
    Given process p1 calls xmattach(ubuf+0, 0, d, USER_ADSPACE)
    When process p1 calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL
