// One-line progress display on rank 0: step, simulated time, % done, wall
// time, ETA. Rewritten in place on a terminal; on a pipe (CI, batch jobs) a
// new line every 10 % so logs stay readable.
#pragma once

#include <deal.II/base/timer.h>

#include <ostream>

namespace mgsim
{
  class ProgressLine
  {
  public:
    ProgressLine(std::ostream &out, double end_time, bool active);
    ~ProgressLine();

    /** Reports that step @p step ended at time @p t [s]. */
    void
    update(unsigned int step, double t);

    /** Ends the line (once; also when the run ends by an exception). */
    void
    finish();

  private:
    std::ostream &out;
    double        end_time;
    bool          active;
    bool          terminal;
    int           last_decile = -1;
    bool          finished    = false;
    dealii::Timer timer;
  };
} // namespace mgsim
