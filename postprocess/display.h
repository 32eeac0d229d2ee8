// VTK on Debian renders through X only (no EGL or OSMesa build): without a
// display an offscreen window fails. mgsim-post then re-runs itself under
// `xvfb-run -a` (Debian packages xvfb, xauth) so pictures work on clusters
// and in CI without any setup by the user.
#pragma once

#include <vtkRenderWindow.h>

#include <string>

namespace mgsim_post
{
  /**
   * Returns if a display is available. Otherwise runs the program again
   * under xvfb-run (up to three times if the X server fails) and exits with
   * its status (does not return), or throws mgsim::InputError saying
   * how to get pictures if xvfb-run is missing or failed.
   */
  void
  ensure_display(int argc, char **argv);

  /** Renders @p window offscreen and saves it as the PNG @p file. */
  void
  save_png(vtkRenderWindow *window, const std::string &file);

  /** Renders @p window offscreen and saves it as @p file: SVG (vector,
   * through GL2PS) if it ends in .svg, else PNG. */
  void
  save_picture(vtkRenderWindow *window, const std::string &file);
} // namespace mgsim_post
