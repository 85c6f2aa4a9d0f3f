// What an image's bytes are, checked whole (images/image_check.cpp).
#pragma once

#include "gongwen/image.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace gongwen::detail {

struct ImageFacts {
    ImageFormat format = ImageFormat::png;
    std::uint32_t width_px = 0, height_px = 0;  ///< 0 for SVG
    double width_mm = 0, height_mm = 0;        ///< its own size; 0 when unknown (an SVG without one)
};

/// The format the bytes are by their first bytes (PNG and JPEG signatures, XML with an svg root).
std::optional<ImageFormat> sniff_image(std::string_view bytes);

/// Decodes the whole image once (PNG, JPEG) or parses it (SVG). Throws ImageError: damaged or
/// truncated ("image-invalid"), more pixels than `max_pixels` ("image-too-large").
ImageFacts check_image(std::string_view bytes, ImageFormat format, std::uint64_t max_pixels);

} // namespace gongwen::detail
