// Checks a rendered picture: it exists, is a PNG of the expected size, and
// is not trivial. "Not trivial" means at least 3 % of its pixels differ from
// the most common colour (the background) and it holds at least 64 distinct
// colours: a blank, one-colour or failed render (all black or all white)
// fails, while a real plot or slice passes (measured: slice 71 % of pixels
// off the background and 4300 colours, ParaView layout 53 % and 3800, time
// series 7 % and 320; its thin curves and text on white are the sparsest).
//   png_check FILE WIDTH HEIGHT
#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkSmartPointer.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>

int
main(int argc, char **argv)
{
  if (argc != 4)
    {
      std::cerr << "usage: png_check FILE WIDTH HEIGHT\n";
      return 2;
    }
  const std::string file  = argv[1];
  const int         width = std::stoi(argv[2]), height = std::stoi(argv[3]);
  auto              reader = vtkSmartPointer<vtkPNGReader>::New();
  if (!std::filesystem::exists(file) || !reader->CanReadFile(file.c_str()))
    {
      std::cout << "FAIL  " << file << " is missing or not a PNG\n";
      return 1;
    }
  reader->SetFileName(file.c_str());
  reader->Update();
  vtkImageData *image = reader->GetOutput();
  int           dims[3];
  image->GetDimensions(dims);
  const int            components = image->GetNumberOfScalarComponents();
  std::map<long, long> counts;
  for (int y = 0; y < dims[1]; ++y)
    for (int x = 0; x < dims[0]; ++x)
      {
        long colour = 0;
        for (int c = 0; c < std::min(components, 3); ++c)
          colour =
            colour * 256 + long(image->GetScalarComponentAsDouble(x, y, 0, c));
        ++counts[colour];
      }
  long most = 0;
  for (const auto &[colour, n] : counts)
    most = std::max(most, n);
  const double other      = 1 - double(most) / (double(dims[0]) * dims[1]);
  const bool   size_ok    = dims[0] == width && dims[1] == height;
  const bool   content_ok = other >= 0.03 && counts.size() >= 64;
  std::cout << (size_ok ? "ok    " : "FAIL  ") << file << ": " << dims[0]
            << " x " << dims[1] << " pixels (expected " << width << " x "
            << height << ")\n"
            << (content_ok ? "ok    " : "FAIL  ") << counts.size()
            << " colours, " << 100 * other
            << " % of pixels off the background (limits 64, 3 %)\n";
  return size_ok && content_ok ? 0 : 1;
}
