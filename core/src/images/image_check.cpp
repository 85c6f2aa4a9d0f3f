// An image's bytes checked whole: PNG through libpng, JPEG through libjpeg(-turbo), both decoded
// row by row once (a truncated or corrupt file is found here, not in a user's office suite);
// SVG read with pugixml for its size.
#include "images/image_check.hpp"

#include "gongwen/i18n.hpp"

#include <jpeglib.h>
#include <png.h>
#include <pugixml.hpp>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace gongwen::detail {

using i18n::_;

namespace {

// ---- PNG: libpng reports errors by longjmp; no C++ object lives across the setjmp --------

struct PngReader {
    const unsigned char* data;
    std::size_t size, pos;
    char message[200];
};

void png_read_bytes(png_structp png, png_bytep out, png_size_t n) {
    auto* r = static_cast<PngReader*>(png_get_io_ptr(png));
    if (n > r->size - r->pos) png_error(png, "the file ends too early (truncated)");
    std::memcpy(out, r->data + r->pos, n);
    r->pos += n;
}

void png_on_error(png_structp png, png_const_charp message) {
    auto* r = static_cast<PngReader*>(png_get_error_ptr(png));
    std::snprintf(r->message, sizeof r->message, "%s", message);
    png_longjmp(png, 1);
}

void png_on_warning(png_structp, png_const_charp) {}

// 0: good; 1: damaged (message set); 2: too many pixels.
int png_probe(PngReader* reader, std::uint64_t max_pixels, std::uint32_t* w, std::uint32_t* h, double* dpi_x,
              double* dpi_y) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader, png_on_error, png_on_warning);
    if (!png) return 1;
    png_infop info = png_create_info_struct(png);
    png_bytep volatile row = nullptr;
    int volatile result = 0;
    if (setjmp(png_jmpbuf(png))) {
        result = 1;
    } else {
        png_set_read_fn(png, reader, png_read_bytes);
        png_set_user_limits(png, 1000000, 1000000);
        png_read_info(png, info);
        *w = png_get_image_width(png, info);
        *h = png_get_image_height(png, info);
        png_uint_32 rx = 0, ry = 0;
        int unit = 0;
        if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER && rx > 0 && ry > 0) {
            *dpi_x = rx * 0.0254;
            *dpi_y = ry * 0.0254;
        }
        if (static_cast<std::uint64_t>(*w) * *h > max_pixels) {
            result = 2;
        } else {
            int passes = png_set_interlace_handling(png);
            png_read_update_info(png, info);
            row = static_cast<png_bytep>(std::malloc(png_get_rowbytes(png, info)));
            if (!row) png_error(png, "out of memory");
            for (int p = 0; p < passes; ++p)
                for (png_uint_32 y = 0; y < *h; ++y) png_read_row(png, row, nullptr);
            png_read_end(png, nullptr);
        }
    }
    std::free(row);
    png_destroy_read_struct(&png, &info, nullptr);
    return result;
}

// ---- JPEG: libjpeg's error_exit longjmps; a warning (premature end, corrupt data) is fatal too

struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpeg_on_error(j_common_ptr cinfo) {
    auto* e = reinterpret_cast<JpegError*>(cinfo->err);
    e->mgr.format_message(cinfo, e->message);
    std::longjmp(e->jump, 1);
}

void jpeg_on_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages
    jpeg_on_error(cinfo);    // a warning: the data is damaged
}

int jpeg_probe(const unsigned char* data, std::size_t size, std::uint64_t max_pixels, std::uint32_t* w,
               std::uint32_t* h, double* dpi_x, double* dpi_y, char* message, std::size_t message_size) {
    jpeg_decompress_struct cinfo;
    JpegError err;
    std::memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_on_error;
    err.mgr.emit_message = jpeg_on_message;
    err.message[0] = 0;
    JSAMPARRAY volatile rows = nullptr;
    int volatile result = 0;
    if (setjmp(err.jump)) {
        std::snprintf(message, message_size, "%s", err.message);
        result = 1;
    } else {
        jpeg_create_decompress(&cinfo);
        // A progressive JPEG keeps every coefficient in memory: past this it is an error, not a swap storm.
        cinfo.mem->max_memory_to_use = 768L * 1024 * 1024;
        jpeg_mem_src(&cinfo, data, static_cast<unsigned long>(size));
        jpeg_read_header(&cinfo, TRUE);
        *w = cinfo.image_width;
        *h = cinfo.image_height;
        if (cinfo.saw_JFIF_marker && cinfo.X_density > 0 && cinfo.Y_density > 0 && cinfo.density_unit != 0) {
            double per_inch = cinfo.density_unit == 2 ? 2.54 : 1.0;
            *dpi_x = cinfo.X_density * per_inch;
            *dpi_y = cinfo.Y_density * per_inch;
        }
        if (static_cast<std::uint64_t>(*w) * *h > max_pixels) {
            result = 2;
        } else {
            // Every scan is entropy-decoded (damage anywhere is found); the pixels at 1/8 scale.
            cinfo.scale_num = 1;
            cinfo.scale_denom = 8;
            cinfo.dct_method = JDCT_IFAST;
            cinfo.do_fancy_upsampling = FALSE;
            jpeg_start_decompress(&cinfo);
            rows = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                              cinfo.output_width * cinfo.output_components, 1);
            while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, rows, 1);
            jpeg_finish_decompress(&cinfo);
        }
    }
    jpeg_destroy_decompress(&cinfo);
    return result;
}

// ---- SVG ------------------------------------------------------------------------------------

// An SVG length in mm; 0 when it has no absolute size (%, em, ex, or not a number).
double svg_length_mm(const char* text) {
    char* end = nullptr;
    double v = std::strtod(text, &end);
    if (end == text || !(v > 0)) return 0;
    std::string unit(end);
    while (!unit.empty() && unit.back() == ' ') unit.pop_back();
    if (unit.empty() || unit == "px") return v * 25.4 / 96;
    if (unit == "mm") return v;
    if (unit == "cm") return v * 10;
    if (unit == "in") return v * 25.4;
    if (unit == "pt") return v * 25.4 / 72;
    if (unit == "pc") return v * 25.4 / 6;
    return 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

ImageFacts check_svg(std::string_view bytes) {
    // Entities are where an XML bomb hides; an office suite that opens the document would expand them.
    if (bytes.find("<!ENTITY") != std::string_view::npos)
        throw ImageError("image-invalid", _("the SVG declares XML entities, which images may not"));
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!r)
        throw ImageError("image-invalid", i18n::format(_("the SVG is not well-formed XML at byte {offset}: {reason}"),
                                                       {{"offset", static_cast<long long>(r.offset)}, {"reason", r.description()}}));
    pugi::xml_node root = doc.document_element();
    std::string_view name = root.name();
    if (name != "svg" && !ends_with(name, ":svg"))
        throw ImageError("image-invalid", _("the file is XML but not an SVG image (its root element is not 'svg')"));
    ImageFacts f;
    f.format = ImageFormat::svg;
    f.width_mm = svg_length_mm(root.attribute("width").value());
    f.height_mm = svg_length_mm(root.attribute("height").value());
    if (f.width_mm <= 0 || f.height_mm <= 0) {
        double box[4] = {0, 0, 0, 0};
        std::string vb = root.attribute("viewBox").value();
        for (auto& c : vb)
            if (c == ',') c = ' ';
        if (std::sscanf(vb.c_str(), "%lf %lf %lf %lf", &box[0], &box[1], &box[2], &box[3]) == 4 && box[2] > 0 && box[3] > 0) {
            // One absolute length and the viewBox's proportions, or the viewBox in px.
            if (f.width_mm > 0) {
                f.height_mm = f.width_mm * box[3] / box[2];
            } else if (f.height_mm > 0) {
                f.width_mm = f.height_mm * box[2] / box[3];
            } else {
                f.width_mm = box[2] * 25.4 / 96;
                f.height_mm = box[3] * 25.4 / 96;
            }
        } else {
            f.width_mm = f.height_mm = 0;
        }
    }
    return f;
}

std::string megapixels(std::uint64_t pixels) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", pixels / 1e6);
    return buf;
}

} // namespace

std::optional<ImageFormat> sniff_image(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return ImageFormat::png;
    if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return ImageFormat::jpeg;
    std::size_t i = 0;
    if (b.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < b.size() && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) ++i;
    if (i < b.size() && b[i] == '<' && b.substr(0, 4096).find("<svg") != std::string_view::npos) return ImageFormat::svg;
    return std::nullopt;
}

ImageFacts check_image(std::string_view bytes, ImageFormat format, std::uint64_t max_pixels) {
    if (format == ImageFormat::svg) return check_svg(bytes);
    ImageFacts f;
    f.format = format;
    std::uint32_t w = 0, h = 0;
    double dpi_x = 96, dpi_y = 96;
    int result = 0;
    char message[JMSG_LENGTH_MAX > 200 ? JMSG_LENGTH_MAX : 200] = {0};
    if (format == ImageFormat::png) {
        PngReader reader{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), 0, {0}};
        result = png_probe(&reader, max_pixels, &w, &h, &dpi_x, &dpi_y);
        std::snprintf(message, sizeof message, "%s", reader.message);
    } else {
        result = jpeg_probe(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), max_pixels, &w, &h, &dpi_x,
                            &dpi_y, message, sizeof message);
    }
    const char* kind = format == ImageFormat::png ? "PNG" : "JPEG";
    if (result == 2)
        throw ImageError("image-too-large",
                         i18n::format(_("the image is {width} × {height} pixels ({mp} megapixels), more than the {limit} megapixels allowed"),
                                      {{"width", w}, {"height", h}, {"mp", megapixels(std::uint64_t(w) * h)}, {"limit", megapixels(max_pixels)}}));
    if (result != 0)
        throw ImageError("image-invalid", i18n::format(_("the {format} image is damaged or truncated: {reason}"),
                                                       {{"format", kind}, {"reason", std::string(message)}}));
    f.width_px = w;
    f.height_px = h;
    f.width_mm = w * 25.4 / dpi_x;
    f.height_mm = h * 25.4 / dpi_y;
    return f;
}

} // namespace gongwen::detail
