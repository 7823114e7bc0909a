#include "table_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <list>
#include <mutex>
#include <osl/file.hxx>
#include <system_error>
#include <utility>
#include <vector>

#include "convert.hpp"
#include "errors.hpp"
#include "jsonstat.hpp"
#include "options.hpp"
#include "px.hpp"

namespace kuntaplan::addin {

namespace fs = std::filesystem;

namespace {

// An error of the source argument: "source: <message>".
template <std::size_t N, class... A>
[[noreturn]] void source_error(const Message<N>& message, const A&... arguments) {
    throw domain_error(msg::argument, "source", phrase(message, arguments...));
}

// Whole megabytes (the messages write the unit).
std::string megabytes(std::uintmax_t bytes) { return std::to_string(bytes >> 20); }

// ------------------------------------------------------------------ names

bool has_control_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7F;
    });
}

void refuse_control_characters(std::string_view text) {
    if (has_control_character(text)) source_error(msg::table_file_control_character);
}

// The system path of a file URL, or domain_error.
std::string system_path_of_url(const std::string& url) {
    OUString system;
    if (osl::FileBase::getSystemPathFromFileURL(OUString::fromUtf8(OString(url.c_str())), system) !=
        osl::FileBase::E_None)
        source_error(msg::table_file_url_invalid, url);
    return utf8(system);
}

// Where a formula may read from: the user's home folder (HOME, or USERPROFILE
// on Windows), and the folders an administrator lists in
// KUNTAPLAN_DATA_FOLDERS (separated like PATH), e.g. a shared statistics drive.
std::vector<fs::path> allowed_folders() {
    std::vector<fs::path> out;
    const auto add = [&](const std::string& folder) {
        std::error_code ec;
        const fs::path canonical = fs::canonical(fs::path(folder), ec);
        // A home of "/" (a service account) would allow every file: not a folder to trust.
        if (!ec && canonical != canonical.root_path() && fs::is_directory(canonical, ec))
            out.push_back(canonical);
    };
    for (const char* name : {"HOME", "USERPROFILE"})
        if (const char* value = std::getenv(name); value && *value) add(value);
    if (const char* list = std::getenv("KUNTAPLAN_DATA_FOLDERS")) {
#ifdef _WIN32
        const char separator = ';';
#else
        const char separator = ':';
#endif
        std::string_view rest(list);
        while (!rest.empty()) {
            const std::size_t end = rest.find(separator);
            const std::string_view folder = rest.substr(0, end);
            if (!folder.empty()) add(std::string(folder));
            if (end == std::string_view::npos) break;
            rest.remove_prefix(end + 1);
        }
    }
    return out;
}

bool inside(const fs::path& file, const fs::path& folder) {
    auto it = file.begin();
    for (const auto& part : folder) {
        if (it == file.end() || *it != part) return false;
        ++it;
    }
    return it != file.end();
}

bool is_table_extension(const fs::path& path) {
    const std::string extension = lower_ascii(path.extension().string());
    return extension == ".px" || extension == ".json";
}

// ------------------------------------------------------------------ opening

// A file descriptor that closes itself.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(Descriptor&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    Descriptor& operator=(Descriptor&&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }

private:
    int fd_;
};

// What identifies a file's content without reading all of it.
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    std::int64_t modified_ns = 0, changed_ns = 0;
    std::uint64_t head_tail_hash = 0;
    bool operator==(const FileIdentity&) const = default;
};

constexpr std::size_t kHashedBytes = 4096;

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

std::int64_t nanoseconds(const timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Opens a checked canonical path (rule 3): no final link followed, no blocking
// on a FIFO, a regular file no larger than the limit, at the checked path.
Descriptor open_checked(const fs::path& canonical, struct stat& info) {
    Descriptor fd(::open(canonical.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) source_error(msg::table_file_unreadable, canonical.string());
    if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode))
        source_error(msg::table_file_not_regular, canonical.string());
    if (static_cast<std::uintmax_t>(info.st_size) > kMaxTableFileBytes)
        source_error(msg::table_file_too_large, megabytes(static_cast<std::uintmax_t>(info.st_size)),
                     megabytes(kMaxTableFileBytes));
#ifdef __linux__
    // A folder on the way swapped for a link between the check and the open
    // would have led elsewhere: the descriptor must be the checked file.
    std::error_code ec;
    const fs::path opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd.get()), ec);
    if (!ec && opened != canonical) source_error(msg::table_file_changed_opening, canonical.string());
#endif
    return fd;
}

std::string read_at(int fd, off_t offset, std::size_t count) {
    std::string bytes(count, '\0');
    std::size_t done = 0;
    while (done < count) {
        const ssize_t got = ::pread(fd, bytes.data() + done, count - done, offset + static_cast<off_t>(done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        done += static_cast<std::size_t>(got);
    }
    bytes.resize(done);
    return bytes;
}

std::uint64_t head_tail_hash(int fd, off_t size) {
    const std::size_t n = std::min<std::size_t>(kHashedBytes, static_cast<std::size_t>(size));
    const std::uint64_t head = fnv1a(read_at(fd, 0, n));
    return fnv1a(read_at(fd, size - static_cast<off_t>(n), n), head);
}

FileIdentity identity(int fd, const struct stat& info) {
    return FileIdentity{info.st_dev,
                        info.st_ino,
                        info.st_size,
                        nanoseconds(info.st_mtim),
                        nanoseconds(info.st_ctim),
                        head_tail_hash(fd, info.st_size)};
}

// The whole file, or domain_error if it changed while it was read.
std::string read_whole(int fd, const fs::path& path, const struct stat& before) {
    std::string bytes = read_at(fd, 0, static_cast<std::size_t>(before.st_size));
    struct stat after {};
    if (bytes.size() != static_cast<std::size_t>(before.st_size) || ::fstat(fd, &after) != 0 ||
        after.st_size != before.st_size || nanoseconds(after.st_mtim) != nanoseconds(before.st_mtim))
        source_error(msg::table_file_changed_reading, path.string());
    return bytes;
}

// ------------------------------------------------------------------ cache

// What a parsed table keeps in memory, roughly: its cells and its texts.
std::size_t table_bytes(const StatTable& table) {
    constexpr std::size_t per_string = sizeof(std::string);
    std::size_t bytes = table.values.size() * (sizeof(double) + sizeof(CellStatus));
    for (const Dimension& d : table.dimensions) {
        for (const std::string& code : d.value_codes) bytes += per_string + code.size();
        for (const auto& language : d.labels)
            for (const std::string& label : language) bytes += per_string + label.size();
    }
    return bytes;
}

// Parsed files by path and identity, most recently used first, at most
// kMaxCachedTableBytes in all: a workbook usually refers to one or two tables
// many times.
class TableCache {
public:
    std::shared_ptr<const StatTable> get(const fs::path& path) {
        struct stat info {};
        const Descriptor fd = open_checked(path, info);
        const FileIdentity id = identity(fd.get(), info);
        if (auto hit = find(path, id)) return hit;
        const std::string bytes = read_whole(fd.get(), path, info);
        std::shared_ptr<const StatTable> table;
        try {
            table = parse_table(bytes, false);
        } catch (const domain_error& e) {
            throw domain_error(msg::table_file_problem, path.filename().string(), e.as_phrase());
        }
        insert(path, id, table);
        return table;
    }

private:
    struct Entry {
        fs::path path;
        FileIdentity id;
        std::size_t bytes;
        std::shared_ptr<const StatTable> table;
    };

    std::shared_ptr<const StatTable> find(const fs::path& path, const FileIdentity& id) {
        std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->path == path && it->id == id) {
                entries_.splice(entries_.begin(), entries_, it);
                return it->table;
            }
        return nullptr;
    }

    void insert(const fs::path& path, const FileIdentity& id, std::shared_ptr<const StatTable> table) {
        const std::size_t bytes = table_bytes(*table);
        std::lock_guard lock(mutex_);
        entries_.remove_if([&](const Entry& e) { return e.path == path; });
        if (bytes > kMaxCachedTableBytes) return;  // used once, not kept
        entries_.push_front(Entry{path, id, bytes, std::move(table)});
        std::size_t total = 0;
        for (auto it = entries_.begin(); it != entries_.end();) {
            total += it->bytes;
            it = total > kMaxCachedTableBytes ? entries_.erase(it) : std::next(it);
        }
    }

    std::mutex mutex_;
    std::list<Entry> entries_;
};

TableCache& table_cache() {
    static TableCache cache;
    return cache;
}

}  // namespace

fs::path resolved_table_path(const std::string& source) {
    refuse_control_characters(source);
    std::string path = source;
    if (lower_ascii(source.substr(0, 5)) == "file:") {
        path = system_path_of_url(source);
        refuse_control_characters(path);  // %00 and the like, decoded
    } else if (const std::size_t colon = source.find("://"); colon != std::string::npos && colon < 12) {
        source_error(msg::table_file_remote, source.substr(0, colon));
    }
    const fs::path given(path);
    if (!given.is_absolute()) source_error(msg::table_file_relative, source);
    if (!is_table_extension(given)) source_error(msg::table_file_extension, given.filename().string());
    std::error_code ec;
    const fs::path canonical = fs::canonical(given, ec);
    if (ec) source_error(msg::table_file_not_found, path);
    // The rule holds for the file that is opened, not only for the name given.
    if (!is_table_extension(canonical))
        source_error(msg::table_file_link_extension, given.filename().string());
    return canonical;
}

fs::path allowed_table_path(const std::string& source) {
    const fs::path canonical = resolved_table_path(source);
    bool allowed = false;
    for (const fs::path& folder : allowed_folders()) allowed = allowed || inside(canonical, folder);
    if (!allowed) source_error(msg::table_file_outside_home, canonical.string());
    return canonical;
}

std::shared_ptr<const StatTable> cached_table(const fs::path& canonical) {
    return table_cache().get(canonical);
}

std::shared_ptr<const StatTable> parse_table(std::string_view bytes, bool from_cells) {
    const std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && bytes[first] == '{')
        return std::make_shared<const StatTable>(read_jsonstat(bytes));
    return std::make_shared<const StatTable>(read_px(bytes, PxReadOptions{from_cells}));
}

}  // namespace kuntaplan::addin
