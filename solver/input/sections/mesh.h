// [mesh]: the gmsh geometry or mesh of a case and how it is refined.
#pragma once

#include "input/section_reader.h"

#include <map>

namespace mgsim
{
  struct MeshParameters
  {
    /** Absolute path of the .geo or .msh file. */
    std::string  file;
    unsigned int refinements = 0;
    /** Length of one mesh unit [m] (mm -> 1e-3). */
    double unit_length = 1e-3;
    /**
     * Axis (0, 1, 2 = x, y, z; -1 none) through the origin around which faces
     * lying on a cylinder are kept round under refinement.
     */
    int cylinder_axis = -1;
    /**
     * Named numbers of a .geo (doc/model.md §2.3): each is declared there as
     * `DefineConstant[ NAME = {default, Name "Parameters/NAME"} ];` and set
     * for gmsh before the file is read (as `gmsh -setnumber NAME value`).
     */
    std::map<std::string, double> parameters;
    /** The case file (for messages) and the most cells the case allows
     * after the global refinements ([adaptivity] max_cells when it adapts;
     * 0: only the machine's memory bounds them). */
    std::string   case_file;
    unsigned long max_cells = 0;

    /** "name=value, ..." of the parameters (empty if none). */
    std::string
    parameters_text() const;

    /** The keys of [mesh]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [mesh] of @p case_file (paths relative to it). */
    static MeshParameters
    read(SectionReader &section, const std::string &case_file);
  };

  /** The parameter names a .geo text declares (see MeshParameters). */
  std::vector<std::string>
  declared_geometry_parameters(const std::string &geo_text);
} // namespace mgsim
