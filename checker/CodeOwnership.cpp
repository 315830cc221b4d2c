//===--- CodeOwnership.cpp - Whether a file is the user's or a library's --===//

#include "checker/CodeOwnership.h"
#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclBase.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Path.h"
#include <vector>

namespace clang::tidy::vmap {

namespace {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

std::string normalized(llvm::StringRef Path) {
  llvm::SmallString<256> Result(Path);
  fs::make_absolute(Result);
  path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

bool exists(const llvm::Twine &Path) { return fs::exists(Path); }

/// \p Test of \p Dir, asked of the filesystem once per directory: every
/// file below it asks again.
template <typename DirectoryTest>
bool memoised(llvm::StringMap<bool> &Known, llvm::StringRef Dir,
              DirectoryTest Test) {
  auto [It, Inserted] = Known.try_emplace(Dir, false);
  if (Inserted)
    It->second = Test(Dir);
  return It->second;
}

/// A directory that LibTorch's headers are included relative to: the
/// `include/` of a LibTorch zip or wheel, `torch/csrc/api/include`, or
/// /usr/include for a distribution's package.
bool isLibTorchIncludeRoot(llvm::StringRef Dir) {
  static llvm::StringMap<bool> Known;
  return memoised(Known, Dir, [](llvm::StringRef Dir) {
    return exists(Dir + "/torch/torch.h") || exists(Dir + "/ATen/ATen.h") ||
           exists(Dir + "/c10/macros/Macros.h");
  });
}

/// The `include/` of a LibTorch distribution (a pytorch.org zip, a wheel's
/// torch/include, /usr/include with a distribution's package): it also
/// ships LibTorch's own dependencies' headers (fmt, pybind11, kineto, ...),
/// so all of it is library code. A source checkout of PyTorch is not one:
/// its ATen lives under aten/src.
bool isLibTorchDistributionInclude(llvm::StringRef Dir) {
  static llvm::StringMap<bool> Known;
  return memoised(Known, Dir, [](llvm::StringRef Dir) {
    return exists(Dir + "/ATen/ATen.h") &&
           exists(Dir + "/c10/macros/Macros.h") &&
           exists(Dir + "/torch/csrc/api/include/torch/torch.h");
  });
}

bool isLibTorchFile(llvm::StringRef File) {
  for (llvm::StringRef Dir = path::parent_path(File); !Dir.empty();
       Dir = path::parent_path(Dir)) {
    if (isLibTorchDistributionInclude(Dir))
      return true;
    llvm::StringRef Name = path::filename(Dir);
    if ((Name == "torch" || Name == "ATen" || Name == "c10" ||
         Name == "caffe2") &&
        isLibTorchIncludeRoot(path::parent_path(Dir)))
      return true;
    if (Dir == path::root_path(Dir))
      break;
  }
  return false;
}

struct LibraryPathEntry {
  std::string Directory; // absolute, or a relative tail; no trailing '/'
  std::optional<llvm::GlobPattern> Glob;

  bool matches(llvm::StringRef File) const {
    if (Glob)
      return Glob->match(File);
    if (path::is_absolute(Directory))
      return File.starts_with(Directory + "/");
    return File.contains("/" + Directory + "/");
  }
};

struct LibraryPathSettings {
  std::string List;
  std::vector<LibraryPathEntry> Entries;
  /// Answers of isLibraryFile under these settings, by normalised path.
  llvm::StringMap<bool> Files;
};

LibraryPathSettings &settings() {
  static LibraryPathSettings Settings;
  return Settings;
}

bool matchesLibraryPath(llvm::StringRef File) {
  for (const LibraryPathEntry &Entry : settings().Entries)
    if (Entry.matches(File))
      return true;
  return false;
}

} // namespace

void setLibraryPaths(llvm::StringRef List) {
  LibraryPathSettings &Settings = settings();
  if (Settings.List == List)
    return;
  Settings = LibraryPathSettings();
  Settings.List = List.str();
  for (llvm::StringRef Item : utils::options::parseStringList(List)) {
    Item = Item.trim();
    while (Item.consume_front("./"))
      ;
    Item = Item.rtrim('/');
    if (Item.empty())
      continue;
    LibraryPathEntry Entry;
    if (Item.find_first_of("*?[") != llvm::StringRef::npos) {
      std::string Pattern = path::is_absolute(Item) || Item.starts_with("*")
                                ? Item.str()
                                : "*/" + Item.str();
      // A malformed glob matches nothing rather than failing every lint;
      // the option's documentation gives the syntax.
      if (llvm::Expected<llvm::GlobPattern> Glob =
              llvm::GlobPattern::create(Pattern))
        Entry.Glob = std::move(*Glob);
      else {
        llvm::consumeError(Glob.takeError());
        continue;
      }
    }
    Entry.Directory = Item.str();
    Settings.Entries.push_back(std::move(Entry));
  }
}

bool isLibraryFile(llvm::StringRef Path) {
  LibraryPathSettings &Settings = settings();
  auto [It, Inserted] = Settings.Files.try_emplace(Path, false);
  if (Inserted) {
    std::string File = normalized(Path);
    It->second = isLibTorchFile(File) || matchesLibraryPath(File);
  }
  return It->second;
}

bool isLibraryCode(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  if (SM.isInSystemHeader(Loc))
    return true;
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(Loc));
  if (!Entry)
    return false;
  llvm::SmallString<256> Name(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Name);
  return isLibraryFile(Name);
}

bool isUserCode(const Decl *D) {
  return D && !isLibraryCode(D->getASTContext().getSourceManager(),
                             D->getLocation());
}

std::string projectRootOf(llvm::StringRef File) {
  static llvm::StringMap<std::string> Roots;
  std::string Start(path::parent_path(normalized(File)));
  auto [It, Inserted] = Roots.try_emplace(Start);
  if (!Inserted)
    return It->second;
  std::string ConfigDir;
  for (llvm::StringRef Dir = Start; !Dir.empty();
       Dir = path::parent_path(Dir)) {
    // `.git` is a directory in a clone and a file in a worktree/submodule.
    if (exists(Dir + "/.git")) {
      It->second = Dir.str();
      return It->second;
    }
    if (ConfigDir.empty() && exists(Dir + "/.clang-tidy"))
      ConfigDir = Dir.str();
    if (Dir == path::root_path(Dir))
      break;
  }
  It->second = ConfigDir.empty() ? Start : ConfigDir;
  return It->second;
}

std::optional<std::string> editRefusal(llvm::StringRef File,
                                       llvm::StringRef MainFile) {
  if (isLibraryFile(File))
    return std::string("library code");
  std::string Root = projectRootOf(MainFile);
  std::string Normalized = normalized(File);
  if (!llvm::StringRef(Normalized).starts_with(Root + "/") &&
      !(Root == "/" && path::is_absolute(Normalized)))
    return "outside the project '" + Root + "'";
  return std::nullopt;
}

} // namespace clang::tidy::vmap
