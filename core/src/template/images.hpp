// The images of one document being rendered: each distinct image stored once (by content), the
// reference each part's pictures use, and the package changes they make at the end.
#pragma once

#include "formats/format.hpp"
#include "template/compiled.hpp"

#include <memory>
#include <string>
#include <vector>

namespace gongwen::detail {

class DocumentImages {
public:
    DocumentImages(const FormatAdapter& format, const Package& package) : format_(format), package_(package) {}

    /// The reference the pictures of `part` use for `image`.
    std::string use(const std::string& part, LoadedImage&& image);

    /// Media parts, relationships, content types or manifest entries for the images used.
    void finish(std::map<std::string, std::string, std::less<>>& replaced, std::vector<Package::NewPart>& added) const;

private:
    struct Stored {
        std::uint64_t hash;
        std::string bytes;
        ImageFormat format;
        std::string name;
    };
    const FormatAdapter& format_;
    const Package& package_;
    std::vector<Stored> media_;
    std::vector<PartMedia> parts_;
};

/// What rendering an image tag needs: where values are read from, and the document's images,
/// made at the first image (a document without one allocates nothing).
struct ImageContext {
    const Package& package;
    const FormatAdapter& format;
    const RenderOptions& options;
    std::unique_ptr<DocumentImages> document;

    DocumentImages& images() {
        if (!document) document = std::make_unique<DocumentImages>(format, package);
        return *document;
    }
};

/// Writes the picture of image node `n` for `value` (not empty) into `out`. Throws ImageError.
void render_picture(const Node& n, const nlohmann::json& value, const std::string& part, ImageContext& context,
                    std::string& out);

} // namespace gongwen::detail
