// Faults that tests inject into a running mgsim, through environment
// variables a user never sets:
//   MGSIM_TEST_FAULT=WHAT[@N]      the N-th (default: first) time the
//                                  program passes the point WHAT, it fails
//                                  there (see test_fault() callers: kill
//                                  points while a checkpoint is written, a
//                                  NaN, a solve that does not converge);
//   MGSIM_TEST_FAIL_WRITE=NAME[@N] the N-th and every later checked write
//                                  of a file named NAME fails with ENOSPC.
// They make failures that are otherwise a matter of luck (a kill between
// two renames, a full disk at one write) happen on cue.
#pragma once

#include <string>

namespace mgsim
{
  /** True if MGSIM_TEST_FAULT names @p what and this is its N-th pass. */
  bool
  test_fault(const std::string &what);

  /**
   * If test_fault(@p what): cuts @p file (if given) to half its size, as a
   * kill while it was written would, and kills this process (SIGKILL).
   */
  void
  test_kill_point(const std::string &what, const std::string &file = "");

  /**
   * True if MGSIM_TEST_FAIL_WRITE names @p path's last component and this
   * is its N-th check or later.
   */
  bool
  test_write_failure(const std::string &path);
} // namespace mgsim
