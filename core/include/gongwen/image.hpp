// Images for the image tag `{{%name}}` (docs/image-tags.md): a value read into checked bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace gongwen {

enum class ImageFormat { png, jpeg, svg };

/// "png", "jpeg", "svg": the extension the media part gets.
const char* image_extension(ImageFormat f);
/// "image/png", "image/jpeg", "image/svg+xml".
const char* image_media_type(ImageFormat f);

/// Where image values are read from, and the limits they must keep.
struct ImageSource {
    std::string folder;               ///< relative paths start here (the data file's folder); "": the current folder
    bool safe_paths = false;          ///< refuse a path outside `folder` (absolute, "..", symlinks leading out)
    std::uint64_t max_pixels = 100'000'000;       ///< width × height of a PNG or JPEG
    std::uint64_t max_bytes = 64ull * 1024 * 1024;  ///< a file or decoded `data`
};

/// An image value read and checked: its bytes are a whole, decodable image of its format.
struct LoadedImage {
    std::string bytes;
    ImageFormat format = ImageFormat::png;
    std::uint64_t hash = 0;           ///< of the bytes (the same bytes are stored once per document)
    double natural_width_mm = 0;      ///< its own size (pixels at its DPI, 96 when it has none; SVG units); 0 if unknown
    double natural_height_mm = 0;
    std::optional<double> width_mm;   ///< asked by the value
    std::optional<double> height_mm;
    std::string alt;                  ///< the value's "alt"
    std::string source;               ///< the path as given, or "data", for messages
};

/// Why a value is not an image: `code` is a diagnostic code ("image-missing", "image-invalid",
/// "image-too-large", "image-unsafe-path", "image-bad-value"), `what()` says it for a user.
class ImageError : public std::runtime_error {
public:
    ImageError(std::string code, const std::string& message) : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

private:
    std::string code_;
};

/// Where the image values of the data file `data_path` are read from: its folder.
std::shared_ptr<const ImageSource> image_source_for(const std::string& data_path, bool safe_paths);

/// True when `value` is no image at all: null, false or "" (nothing is rendered, silently).
bool image_value_empty(const nlohmann::json& value);

/// Reads the image a value names (a path, or an object with "path" or "data", "width",
/// "height", "alt") and checks it whole. Throws ImageError. Thread-safe; a file's checked bytes
/// are remembered (by content), so the same seal in every row of a batch is decoded once.
LoadedImage load_image(const nlohmann::json& value, const ImageSource& source);

/// The size a picture gets when nothing else gives one, and with the value's width/height
/// applied (one of them: the other from the proportions). Nothing when neither the value nor
/// the image knows a size (an SVG without width, height or viewBox).
std::optional<std::pair<double, double>> image_size_mm(const LoadedImage& image);

} // namespace gongwen
