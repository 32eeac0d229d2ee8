#include "input/sections/mesh.h"

#include "base/units.h"

#include <filesystem>
#include <map>

namespace mgsim
{
  const std::vector<KeySpec> &
  MeshParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"file",
       "-",
       ".geo (meshed by gmsh, cached) or .msh (MSH 2.2 or 4.1) file, relative "
       "to the case file",
       "a .geo or .msh file name"},
      {"refinements",
       "-",
       "global refinements after reading",
       "",
       0,
       8,
       {},
       "0"},
      {"unit",
       "-",
       "length unit of the mesh",
       "",
       0,
       0,
       {"mm", "um", "m"},
       "mm"},
      {"cylinder_axis",
       "-",
       "keep faces on cylinders around this axis round when refining",
       "",
       0,
       0,
       {"none", "x", "y", "z"},
       "none"}};
    return specs;
  }

  MeshParameters
  MeshParameters::read(SectionReader &mesh, const std::string &case_file)
  {
    MeshParameters m;
    m.file = mesh.path("file", case_file);
    if (!std::filesystem::exists(m.file))
      mesh.fail("file",
                "an existing .geo or .msh file (" + m.file + " not found)");
    const std::string extension =
      std::filesystem::path(m.file).extension().string();
    if (extension != ".geo" && extension != ".msh")
      mesh.fail("file", "a file ending in .geo or .msh");
    m.refinements                               = mesh.integer("refinements");
    const std::map<std::string, double> lengths = {{"m", 1.0},
                                                   {"mm", units::millimeter},
                                                   {"um", units::micrometer}};
    m.unit_length          = lengths.at(mesh.choice("unit"));
    const std::string axis = mesh.choice("cylinder_axis");
    m.cylinder_axis        = axis == "none" ? -1 : axis[0] - 'x';
    return m;
  }
} // namespace mgsim
