#include "display.h"

#include "base/input_error.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vtkGL2PSExporter.h>
#include <vtkPNGWriter.h>
#include <vtkSmartPointer.h>
#include <vtkWindowToImageFilter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
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
    // Under load the virtual X server may refuse the first connection (VTK
    // then aborts: "bad X server connection"), and xvfb-run may return its
    // own clean-up error 5 instead of the child's status. mgsim-post's own
    // errors are 1 and 2: anything else is an X failure and is tried again.
    int status = 0;
    for (unsigned int attempt = 1; attempt <= 3; ++attempt)
      {
        const pid_t child = fork();
        if (child == 0)
          {
            execvp("xvfb-run", command.data());
            _exit(127);
          }
        if (child < 0 || waitpid(child, &status, 0) != child)
          break;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
          // Only reached if xvfb-run could not be started.
          throw mgsim::InputError(
            "no X display for the pictures and xvfb-run is not "
            "installed (apt-get install xvfb xauth, or run ./setup.sh); or "
            "use --no-pictures");
        const bool x_failure =
          WIFSIGNALED(status) ||
          (WIFEXITED(status) &&
           (WEXITSTATUS(status) >= 128 || WEXITSTATUS(status) == 5));
        if (!x_failure)
          break;
        std::cerr << "mgsim-post: the run under xvfb-run ended abnormally "
                     "(an X server that refused the connection?), attempt "
                  << attempt << " of 3" << std::endl;
        sleep(1);
      }
    std::exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
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

  void
  save_picture(vtkRenderWindow *window, const std::string &file)
  {
    const std::string extension = std::filesystem::path(file).extension();
    if (extension != ".svg")
      return save_png(window, file);
    window->SetOffScreenRendering(1);
    window->Render();
    auto exporter = vtkSmartPointer<vtkGL2PSExporter>::New();
    exporter->SetRenderWindow(window);
    exporter->SetFileFormatToSVG();
    exporter->CompressOff();
    // GL2PS adds the extension to the prefix.
    exporter->SetFilePrefix(file.substr(0, file.size() - 4).c_str());
    // GL2PS (built without libpng in Debian) warns once per chart that it
    // cannot embed raster images: a chart has none, the SVG is complete
    // (the file is checked below). The warning goes to standard error
    // directly, so standard error is muted while it writes.
    std::fflush(stderr);
    const int saved = dup(STDERR_FILENO);
    const int null  = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    exporter->Write();
    std::fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(null);
    if (!std::filesystem::exists(file) || std::filesystem::file_size(file) == 0)
      throw mgsim::InputError(file + ": cannot be written");
  }
} // namespace mgsim_post
