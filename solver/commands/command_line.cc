#include "commands/command_line.h"

#include "base/input_error.h"

namespace mgsim
{
  namespace po = boost::program_options;

  po::variables_map
  parse_arguments(const std::string                        &command,
                  const std::vector<std::string>           &args,
                  const po::options_description            &options,
                  const po::positional_options_description &positional)
  {
    po::variables_map vm;
    try
      {
        po::store(po::command_line_parser(args)
                    .options(options)
                    .positional(positional)
                    .run(),
                  vm);
        po::notify(vm);
      }
    catch (const po::error &e)
      {
        throw InputError("mgsim " + command + ": " + e.what() + " (see mgsim " +
                         command + " --help)");
      }
    return vm;
  }
} // namespace mgsim
