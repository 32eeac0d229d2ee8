#include "input/sections/mesh.h"

#include "base/text_file.h"
#include "base/units.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

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
       "none"},
      {"parameters",
       "-",
       "named numbers of the .geo (DefineConstant ... Name \"Parameters/NAME\"), "
       "set before gmsh reads it",
       "name=value pairs separated by commas, each name declared in the .geo",
       0,
       0,
       {},
       ""}};
    return specs;
  }

  namespace
  {
    /** [mesh] parameters: "name=value, ..." checked against the .geo. */
    std::map<std::string, double>
    read_parameters(SectionReader &mesh, const std::string &file)
    {
      std::map<std::string, double> parameters;
      // Not given: not recorded either (case.resolved.cfg and `mgsim check`
      // of cases without parameters stay as they were).
      if (!mesh.given("parameters"))
        return parameters;
      const std::string text = mesh.text("parameters");
      if (text.find_first_not_of(" \t,") == std::string::npos)
        return parameters;
      if (std::filesystem::path(file).extension() != ".geo")
        mesh.fail("parameters",
                  "no parameters: they set numbers of a .geo, "
                  "and " +
                    file + " is a .msh");
      const std::vector<std::string> declared =
        declared_geometry_parameters(read_text_file(file));
      std::string declared_list;
      for (const auto &name : declared)
        declared_list += (declared_list.empty() ? "" : ", ") + name;
      if (declared_list.empty())
        declared_list = "none";

      static const std::regex pair(R"(\s*([A-Za-z_]\w*)\s*=\s*([^,\s]+)\s*)");
      std::stringstream       items(text);
      std::string             item;
      while (std::getline(items, item, ','))
        {
          std::smatch match;
          if (!std::regex_match(item, match, pair))
            mesh.fail("parameters",
                      "name=value pairs separated by commas, not '" + item +
                        "'");
          const std::string name  = match[1];
          double            value = 0;
          std::size_t       used  = 0;
          try
            {
              value = std::stod(match[2], &used);
            }
          catch (const std::exception &)
            {
              used = 0;
            }
          if (used != static_cast<std::size_t>(match[2].length()) ||
              !std::isfinite(value))
            mesh.fail("parameters",
                      "a finite number for " + name + ", not '" +
                        std::string(match[2]) + "'");
          if (std::find(declared.begin(), declared.end(), name) ==
              declared.end())
            mesh.fail("parameters",
                      "a parameter " + file + " declares (" + declared_list +
                        "), not '" + name + "'");
          if (!parameters.emplace(name, value).second)
            mesh.fail("parameters", name + " given once");
        }
      return parameters;
    }
  } // namespace

  MeshParameters
  MeshParameters::read(SectionReader &mesh, const std::string &case_file)
  {
    MeshParameters m;
    m.case_file = case_file;
    m.file      = mesh.path("file", case_file);
    if (!std::filesystem::exists(m.file))
      mesh.fail("file",
                "an existing .geo or .msh file (" + m.file + " not found)");
    if (std::filesystem::is_directory(m.file))
      mesh.fail("file", "a .geo or .msh file (" + m.file + " is a directory)");
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
    m.parameters           = read_parameters(mesh, m.file);
    return m;
  }

  std::string
  MeshParameters::parameters_text() const
  {
    std::ostringstream text;
    text.precision(17);
    for (const auto &[name, value] : parameters)
      text << (text.tellp() > 0 ? ", " : "") << name << "=" << value;
    return text.str();
  }

  std::vector<std::string>
  declared_geometry_parameters(const std::string &geo_text)
  {
    // NAME = {default, ... Name "Parameters/NAME" ...}: the variable and
    // its ONELAB name agree, so `gmsh -setnumber NAME v` and mgsim set the
    // same number.
    static const std::regex declaration(
      R"re((\w+)\s*=\s*\{[^}]*Name\s*"Parameters/(\w+)")re");
    std::vector<std::string> names;
    for (std::sregex_iterator it(geo_text.begin(), geo_text.end(), declaration);
         it != std::sregex_iterator();
         ++it)
      if ((*it)[1] == (*it)[2])
        names.push_back((*it)[1]);
    return names;
  }
} // namespace mgsim
