// Checks the probability maps mgsim-post makes of a study
// (probability_maps.vtu, doc/model.md §10) by properties that hold for any
// study of N runs: every probability is a multiple of 1/N in [0, 1]; at
// every node it does not grow with the threshold (held at 20 mM for the time
// means held at 10 mM too); the median peak does not exceed the 90 %
// quantile; somewhere every run held the lowest threshold (next to the
// implant) and the 20 mM map is neither all 0 nor all 1 (the study is built
// to straddle it).
//   study_maps_check FILE RUNS
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridReader.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>

int
main(int argc, char **argv)
{
  if (argc != 3)
    {
      std::cerr << "usage: study_maps_check FILE RUNS\n";
      return 2;
    }
  const std::string file = argv[1];
  const double      runs = std::stod(argv[2]);
  if (!std::filesystem::exists(file))
    {
      std::cout << "FAIL: " << file << " missing\n";
      return 1;
    }
  auto reader = vtkSmartPointer<vtkXMLUnstructuredGridReader>::New();
  reader->SetFileName(file.c_str());
  reader->Update();
  auto *data = reader->GetOutput()->GetPointData();
  // Probability fields by threshold [mM].
  std::map<double, vtkDataArray *> maps;
  for (int a = 0; a < data->GetNumberOfArrays(); ++a)
    {
      const std::string name = data->GetArrayName(a);
      if (name.rfind("P(>= ", 0) == 0)
        maps[std::stod(name.substr(5))] = data->GetArray(a);
    }
  auto      *median   = data->GetArray("Mg2+ peak median [mM]");
  auto      *q90      = data->GetArray("Mg2+ peak 90 % quantile [mM]");
  int        failures = 0;
  const auto check    = [&](const bool ok, const std::string &what) {
    std::cout << (ok ? "ok    " : "FAIL  ") << what << "\n";
    failures += !ok;
  };
  check(
    maps.size() >= 2 && maps.count(20) && median && q90,
    std::to_string(maps.size()) +
      " probability fields (one at 20 mM), the peak median and 90 % quantile");
  if (failures)
    return 1;
  const vtkIdType n         = reader->GetOutput()->GetNumberOfPoints();
  bool            multiples = true, monotone = true, ordered = true;
  double          lowest_max = 0, p20_min = 1, p20_max = 0;
  for (vtkIdType i = 0; i < n; ++i)
    {
      double previous = 1;
      for (const auto &[threshold, array] : maps)
        {
          const double p = array->GetTuple1(i);
          multiples      = multiples && p >= 0 && p <= 1 &&
                      std::abs(p * runs - std::round(p * runs)) < 1e-9;
          monotone = monotone && p <= previous + 1e-12;
          previous = p;
        }
      lowest_max = std::max(lowest_max, maps.begin()->second->GetTuple1(i));
      p20_min    = std::min(p20_min, maps[20]->GetTuple1(i));
      p20_max    = std::max(p20_max, maps[20]->GetTuple1(i));
      ordered    = ordered && median->GetTuple1(i) <= q90->GetTuple1(i) + 1e-12;
    }
  check(multiples,
        "every probability is a multiple of 1/" + std::to_string(int(runs)) +
          " in [0, 1]");
  check(monotone,
        "at every node the probability does not grow with the threshold");
  check(ordered, "median peak <= 90 % quantile at every node");
  check(
    lowest_max == 1 && p20_min == 0 && p20_max > 0,
    "the lowest threshold held by every run somewhere; P(>= 20 mM) from 0 up to " +
      std::to_string(p20_max));
  std::cout << (failures ? "FAIL" : "PASS") << "\n";
  return failures ? 1 : 0;
}
