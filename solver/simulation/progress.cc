#include "simulation/progress.h"

#include "base/units.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace mgsim
{
  namespace
  {
    std::string
    clock_text(double seconds)
    {
      const long s = std::lround(seconds);
      char       buffer[32];
      std::snprintf(buffer,
                    sizeof(buffer),
                    "%ld:%02ld:%02ld",
                    s / 3600,
                    (s / 60) % 60,
                    s % 60);
      return buffer;
    }
  } // namespace

  ProgressLine::ProgressLine(std::ostream &out,
                             const double  end_time,
                             const bool    active)
    : out(out)
    , end_time(end_time)
    , active(active)
    , terminal(isatty(STDOUT_FILENO) != 0)
  {
  }

  void
  ProgressLine::update(const unsigned int step, const double t)
  {
    if (!active)
      return;
    const double fraction = t / end_time;
    const int    decile   = static_cast<int>(std::floor(fraction * 10 + 1e-9));
    if (!terminal && decile == last_decile)
      return;
    last_decile       = decile;
    const double wall = timer.wall_time();
    const double eta  = fraction > 0 ? wall * (1 - fraction) / fraction : 0;
    char         line[160];
    std::snprintf(line,
                  sizeof(line),
                  "step %5u  t = %8.2f h  %5.1f %%  wall %s  ETA %s",
                  step,
                  t / units::hour,
                  100 * fraction,
                  clock_text(wall).c_str(),
                  clock_text(eta).c_str());
    out << (terminal ? "\r" : "") << line << (terminal ? "" : "\n")
        << std::flush;
  }

  void
  ProgressLine::finish()
  {
    if (active && terminal && !finished)
      out << "\n" << std::flush;
    finished = true;
  }

  ProgressLine::~ProgressLine()
  {
    // A run stopped by an error: its message starts a line of its own.
    finish();
  }
} // namespace mgsim
