// The command line of an mgsim subcommand, parsed with Boost.Program_options:
// a bad option is one InputError line that names the command and its --help.
#pragma once

#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace mgsim
{
  /**
   * Parses @p args of `mgsim @p command` with @p options and @p positional;
   * returns the variables map (InputError on a bad option).
   */
  boost::program_options::variables_map
  parse_arguments(
    const std::string                                            &command,
    const std::vector<std::string>                               &args,
    const boost::program_options::options_description            &options,
    const boost::program_options::positional_options_description &positional);
} // namespace mgsim
