#include "template/images.hpp"

#include "gongwen/i18n.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace gongwen::detail {

using i18n::_;

std::string DocumentImages::use(const std::string& part, LoadedImage&& image) {
    std::size_t index = media_.size();
    for (std::size_t i = 0; i < media_.size(); ++i)
        if (media_[i].hash == image.hash && media_[i].bytes == image.bytes) index = i;
    if (index == media_.size()) {
        char stem[40];
        std::snprintf(stem, sizeof stem, "gw-%016llx", static_cast<unsigned long long>(image.hash));
        std::string name = format_.media_path(package_, stem, image.format);
        // Another image with the same hash (or a part of that name in the template): a new name.
        for (int k = 2; package_.find(name) || std::any_of(media_.begin(), media_.end(), [&](const Stored& s) { return s.name == name; }); ++k)
            name = format_.media_path(package_, std::string(stem) + "-" + std::to_string(k), image.format);
        media_.push_back({image.hash, std::move(image.bytes), image.format, std::move(name)});
    }
    auto pm = std::find_if(parts_.begin(), parts_.end(), [&](const PartMedia& p) { return p.part == part; });
    if (pm == parts_.end()) {
        parts_.push_back({part, {}});
        pm = parts_.end() - 1;
    }
    for (const auto& [reference, media] : pm->references)
        if (media == index) return reference;
    std::string reference = format_.media_reference(package_, part, media_[index].name, *pm);
    pm->references.emplace_back(reference, index);
    return reference;
}

void DocumentImages::finish(std::map<std::string, std::string, std::less<>>& replaced,
                            std::vector<Package::NewPart>& added) const {
    if (media_.empty()) return;
    std::vector<MediaUse> media;
    media.reserve(media_.size());
    for (const auto& s : media_) media.push_back({s.name, s.format, &s.bytes});
    format_.add_media(package_, media, parts_, replaced, added);
}

void render_picture(const Node& n, const nlohmann::json& value, const std::string& part, ImageContext& context,
                    std::string& out) {
    static const ImageSource here;  // no source given: the current folder, any path
    LoadedImage image = load_image(value, context.options.images ? *context.options.images : here);
    PictureUse use;
    use.format = image.format;
    if (n.picture) {
        // A placeholder keeps its box unless the value gives a size (one side: the other from the
        // image's proportions, or the box's when the image has none).
        double bw = n.picture->width_mm, bh = n.picture->height_mm;
        double ratio = image.natural_width_mm > 0 && image.natural_height_mm > 0 ? image.natural_height_mm / image.natural_width_mm
                                                                                 : bh / bw;
        use.width_mm = image.width_mm ? *image.width_mm : image.height_mm ? *image.height_mm / ratio : bw;
        use.height_mm = image.height_mm ? *image.height_mm : image.width_mm ? *image.width_mm * ratio : bh;
    } else {
        auto size = image_size_mm(image);
        if (!size)
            throw ImageError("image-no-size", _("the SVG states no size (width, height or viewBox): give 'width' and 'height' in mm"));
        use.width_mm = size->first;
        use.height_mm = size->second;
    }
    std::string alt = image.alt;
    std::string reference = context.images().use(part, std::move(image));
    use.reference = reference;
    use.alt = alt;
    if (!n.picture) {
        context.format.append_inline_picture(out, use);
        return;
    }
    const PictureTemplate& t = *n.picture;
    for (std::size_t i = 0; i < t.pieces.size(); ++i) {
        out += t.pieces[i];
        if (i < t.holes.size()) context.format.append_picture_hole(out, t.holes[i], use);
    }
}

} // namespace gongwen::detail
