#include "display.h"

#include "base/input_error.h"

#include <unistd.h>
#include <vtkPNGWriter.h>
#include <vtkSmartPointer.h>
#include <vtkWindowToImageFilter.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace mgsim_post
{
  void
  ensure_display(const int argc, char **argv)
  {
    const char *display = std::getenv("DISPLAY");
    if (display && *display)
      return;
    const char *marker = "MGSIM_POST_UNDER_XVFB";
    if (std::getenv(marker))
      throw mgsim::InputError(
        "no display even under xvfb-run; run with --no-pictures "
        "for the numbers only");
    setenv(marker, "1", 1);
    std::vector<char *> command = {const_cast<char *>("xvfb-run"),
                                   const_cast<char *>("-a")};
    // This very executable, also when it was found through PATH.
    std::string self = std::filesystem::read_symlink("/proc/self/exe");
    command.push_back(self.data());
    for (int i = 1; i < argc; ++i)
      command.push_back(argv[i]);
    command.push_back(nullptr);
    execvp("xvfb-run", command.data());
    // Only reached if xvfb-run could not be started.
    throw mgsim::InputError(
      "no X display for the pictures and xvfb-run is not "
      "installed (apt-get install xvfb xauth, or run ./setup.sh); or use "
      "--no-pictures");
  }

  void
  save_png(vtkRenderWindow *window, const std::string &file)
  {
    window->SetOffScreenRendering(1);
    window->Render();
    auto image = vtkSmartPointer<vtkWindowToImageFilter>::New();
    image->SetInput(window);
    image->Update();
    auto writer = vtkSmartPointer<vtkPNGWriter>::New();
    writer->SetFileName(file.c_str());
    writer->SetInputConnection(image->GetOutputPort());
    writer->Write();
    if (writer->GetErrorCode() != 0)
      throw mgsim::InputError(file + ": cannot be written");
  }
} // namespace mgsim_post
