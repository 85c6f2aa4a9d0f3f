// An image tag's value read into checked bytes: a path (relative to the data file's folder,
// kept inside it with --safe-paths) or an object with a path or base64 data, a size and alt text.
#include "gongwen/image.hpp"

#include "gongwen/i18n.hpp"
#include "images/image_check.hpp"
#include "package/deflate.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace gongwen {

namespace fs = std::filesystem;
using json = nlohmann::json;
using i18n::_;

const char* image_extension(ImageFormat f) {
    switch (f) {
    case ImageFormat::png: return "png";
    case ImageFormat::jpeg: return "jpeg";
    case ImageFormat::svg: return "svg";
    }
    return "png";
}

const char* image_media_type(ImageFormat f) {
    switch (f) {
    case ImageFormat::png: return "image/png";
    case ImageFormat::jpeg: return "image/jpeg";
    case ImageFormat::svg: return "image/svg+xml";
    }
    return "image/png";
}

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// 64-bit FNV-1a over 8-byte words: the media part's name and, with the size and CRC, the key of
// the cache of checked images.
std::uint64_t hash_bytes(std::string_view b) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ b.size();
    std::size_t i = 0;
    for (; i + 8 <= b.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, b.data() + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; i < b.size(); ++i) h = (h ^ static_cast<unsigned char>(b[i])) * 0x100000001b3ull;
    return h;
}

int base64_value(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

// Standard or URL-safe base64; white space ignored; padding optional but, when present, right.
std::string base64_decode(std::string_view in, std::uint64_t max_bytes) {
    if (in.rfind("data:", 0) == 0) {
        std::size_t comma = in.find(',');
        if (comma == std::string_view::npos || in.substr(0, comma).find(";base64") == std::string_view::npos)
            throw ImageError("image-bad-value", _("a data: URI must be base64 ('data:image/png;base64,…')"));
        in.remove_prefix(comma + 1);
    }
    if (in.size() / 4 * 3 > max_bytes + 3)
        throw ImageError("image-too-large", i18n::format(_("the image data is larger than {limit} bytes"), {{"limit", max_bytes}}));
    std::string out;
    out.reserve(in.size() / 4 * 3);
    std::uint32_t acc = 0;
    int bits = 0, count = 0, pad = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++pad;
            continue;
        }
        int v = base64_value(c);
        if (v < 0 || pad)
            throw ImageError("image-bad-value", i18n::format(_("'data' is not valid base64 (character {n})"), {{"n", i + 1}}));
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        ++count;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    if (count % 4 == 1 || pad > 2 || (pad && (count + pad) % 4 != 0))
        throw ImageError("image-bad-value", _("'data' is not valid base64 (it ends in the middle of a byte)"));
    return out;
}

double size_of(const json& value, const char* key) {
    const json& v = value.at(key);
    if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > 5000)
        throw ImageError("image-bad-value", i18n::format(_("'{key}' must be a number of millimetres above 0 and at most 5000"),
                                                         {{"key", std::string(key)}}));
    return v.get<double>();
}

std::string read_image_file(const std::string& given, const ImageSource& src) {
    fs::path path = fs::path(given).is_absolute() || src.folder.empty() ? fs::path(given) : fs::path(src.folder) / given;
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw ImageError("image-missing", i18n::format(_("no image file '{path}'"), {{"path", path.string()}}));
    if (src.safe_paths) {
        // Where the file really is (symbolic links followed) must be inside the data's folder.
        fs::path base = fs::canonical(src.folder.empty() ? fs::path(".") : fs::path(src.folder), ec);
        fs::path real = fs::canonical(path, ec);
        auto rel = real.lexically_relative(base);
        if (ec || base.empty() || rel.empty() || *rel.begin() == ".." || rel.is_absolute())
            throw ImageError("image-unsafe-path",
                             i18n::format(_("'{path}' is outside the data file's folder (--safe-paths)"), {{"path", given}}));
    }
    if (!fs::is_regular_file(path, ec))
        throw ImageError("image-missing", i18n::format(_("'{path}' is not a file"), {{"path", path.string()}}));
    auto size = fs::file_size(path, ec);
    if (!ec && size > src.max_bytes)
        throw ImageError("image-too-large", i18n::format(_("'{path}' is {n} bytes, more than the {limit} allowed for an image"),
                                                         {{"path", given}, {"n", static_cast<std::uint64_t>(size)}, {"limit", src.max_bytes}}));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (!in)
        throw ImageError("image-missing", i18n::format(_("cannot read '{path}'"), {{"path", path.string()}}));
    return std::move(ss).str();
}

// Checked images by content: a batch's seal is decoded once, not once per row.
struct CheckedKey {
    std::uint64_t hash;
    std::size_t size;
    std::uint32_t crc;
    bool operator==(const CheckedKey& o) const { return hash == o.hash && size == o.size && crc == o.crc; }
};
struct CheckedKeyHash {
    std::size_t operator()(const CheckedKey& k) const { return static_cast<std::size_t>(k.hash); }
};
std::mutex checked_mutex;
std::unordered_map<CheckedKey, detail::ImageFacts, CheckedKeyHash> checked;

detail::ImageFacts checked_facts(const std::string& bytes, ImageFormat format, std::uint64_t hash, std::uint64_t max_pixels) {
    CheckedKey key{hash, bytes.size(), detail::crc32_of(bytes)};
    {
        std::lock_guard<std::mutex> lock(checked_mutex);
        auto it = checked.find(key);
        if (it != checked.end() && it->second.format == format &&
            std::uint64_t(it->second.width_px) * it->second.height_px <= max_pixels)
            return it->second;
    }
    detail::ImageFacts facts = detail::check_image(bytes, format, max_pixels);
    std::lock_guard<std::mutex> lock(checked_mutex);
    if (checked.size() > 4096) checked.clear();
    checked.emplace(key, facts);
    return facts;
}

} // namespace

std::shared_ptr<const ImageSource> image_source_for(const std::string& data_path, bool safe_paths) {
    auto s = std::make_shared<ImageSource>();
    s->folder = fs::path(data_path).parent_path().string();
    s->safe_paths = safe_paths;
    return s;
}

bool image_value_empty(const json& value) {
    return value.is_null() || (value.is_boolean() && !value.get<bool>()) ||
           (value.is_string() && value.get_ref<const std::string&>().empty());
}

LoadedImage load_image(const json& value, const ImageSource& src) {
    LoadedImage img;
    std::string path;
    if (value.is_string()) {
        path = value.get<std::string>();
    } else if (value.is_object()) {
        for (const auto& [key, v] : value.items()) {
            if (key != "path" && key != "data" && key != "width" && key != "height" && key != "alt")
                throw ImageError("image-bad-value",
                                 i18n::format(_("unknown key '{key}' (an image takes path or data, width, height, alt)"), {{"key", key}}));
            if ((key == "path" || key == "data" || key == "alt") && !v.is_string())
                throw ImageError("image-bad-value", i18n::format(_("'{key}' must be text"), {{"key", key}}));
        }
        bool has_path = value.contains("path"), has_data = value.contains("data");
        if (has_path == has_data) throw ImageError("image-bad-value", _("an image object needs either 'path' or 'data'"));
        if (value.contains("width")) img.width_mm = size_of(value, "width");
        if (value.contains("height")) img.height_mm = size_of(value, "height");
        if (value.contains("alt")) img.alt = value["alt"].get<std::string>();
        if (has_path) {
            path = value["path"].get<std::string>();
        } else {
            img.bytes = base64_decode(value["data"].get_ref<const std::string&>(), src.max_bytes);
            img.source = "data";
        }
    } else {
        throw ImageError("image-bad-value", _("an image is a file path or an object {\"path\"|\"data\", \"width\", \"height\", \"alt\"}"));
    }
    std::optional<ImageFormat> by_name;
    if (img.source.empty()) {
        if (path.empty()) throw ImageError("image-bad-value", _("the image path is empty"));
        std::string ext = lower(fs::path(path).extension().string());
        if (ext == ".png") by_name = ImageFormat::png;
        else if (ext == ".jpg" || ext == ".jpeg") by_name = ImageFormat::jpeg;
        else if (ext == ".svg") by_name = ImageFormat::svg;
        else
            throw ImageError("image-invalid", i18n::format(_("'{path}' is not a .png, .jpg, .jpeg or .svg file"), {{"path", path}}));
        img.bytes = read_image_file(path, src);
        img.source = path;
    }
    if (img.bytes.empty()) throw ImageError("image-invalid", _("the image is empty (0 bytes)"));
    if (img.bytes.size() > src.max_bytes)
        throw ImageError("image-too-large", i18n::format(_("the image is {n} bytes, more than the {limit} allowed"),
                                                         {{"n", img.bytes.size()}, {"limit", src.max_bytes}}));
    auto format = detail::sniff_image(img.bytes);
    if (!format) throw ImageError("image-invalid", _("the content is not a PNG, JPEG or SVG image"));
    if (by_name && *by_name != *format)
        throw ImageError("image-invalid", i18n::format(_("the file's content is {actual}, not what its extension .{extension} says"),
                                                       {{"actual", std::string(image_extension(*format))},
                                                        {"extension", lower(fs::path(path).extension().string().substr(1))}}));
    img.format = *format;
    img.hash = hash_bytes(img.bytes);
    detail::ImageFacts facts = checked_facts(img.bytes, img.format, img.hash, src.max_pixels);
    img.natural_width_mm = facts.width_mm;
    img.natural_height_mm = facts.height_mm;
    return img;
}

std::optional<std::pair<double, double>> image_size_mm(const LoadedImage& img) {
    double w = img.natural_width_mm, h = img.natural_height_mm;
    if (img.width_mm && img.height_mm) return std::make_pair(*img.width_mm, *img.height_mm);
    if (w <= 0 || h <= 0) return std::nullopt;
    if (img.width_mm) return std::make_pair(*img.width_mm, *img.width_mm * h / w);
    if (img.height_mm) return std::make_pair(*img.height_mm * w / h, *img.height_mm);
    return std::make_pair(w, h);
}

} // namespace gongwen
