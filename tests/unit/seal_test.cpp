// The seal (印章): the `seal` field type of the fields schema (its values checked like every
// field's, by label and row), and where the GB/T 9704 frame puts the seal and the signature
// (§7.3.5.1 with a seal, §7.3.5.2 without, a joint document's seals side by side).
#include "gongwen/gbt9704.hpp"
#include "gongwen/plugin.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace gongwen {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::vector<FieldSpec> seal_schema() {
    std::string dir = test::temp_dir();
    fs::create_directories(dir + "/t.docx");
    test::write_file(dir + "/plugin.json", R"({
      "id": "t", "version": "1", "abi": 1, "name": "测试", "templates": {"docx": "t.docx"},
      "fields": [
        {"name": "印章", "label": {"zh": "印章", "en": "Seal"}, "type": "seal"},
        {"name": "联合发文机关", "type": "list", "columns": [
          {"name": "署名", "type": "text", "required": true}, {"name": "印章", "type": "seal"}]}
      ]})");
    auto m = read_manifest(dir);
    fs::remove_all(dir);
    return m.fields;
}

TEST(SealField, TheManifestNamesTheType) {
    auto fields = seal_schema();
    EXPECT_EQ(fields[0].type, FieldType::seal);
    EXPECT_STREQ(field_type_name(fields[0].type), "seal");
    EXPECT_EQ(fields[1].columns[1].type, FieldType::seal);
}

TEST(SealField, TakesAnImageOrTrueOrNothing) {
    auto fields = seal_schema();
    for (const json& v : {json("seal.png"), json("sub/印章.svg"), json{{"path", "seal.png"}, {"width", 42}, {"height", 42}, {"alt", "印章"}},
                          json{{"data", "iVBORw0KGgo="}}, json{{"data", "data:image/png;base64,iVBORw0KGgo="}, {"width", "40"}}, json(true),
                          json(false), json("")}) {
        Diagnostics d;
        json out = validate_data(fields, {{"印章", v}}, "d.json", d);
        EXPECT_TRUE(d.empty()) << v.dump() << ": " << d.to_string();
    }
    // The choice the field was before: 加盖 (stamped by hand) and 不加盖 (none) read as true/false.
    Diagnostics d;
    EXPECT_EQ(validate_data(fields, {{"印章", "加盖"}}, "d.json", d)["印章"], true);
    EXPECT_EQ(validate_data(fields, {{"印章", "不加盖"}}, "d.json", d)["印章"], false);
    EXPECT_EQ(validate_data(fields, json::object(), "d.json", d)["印章"], "");  // none
    EXPECT_TRUE(d.empty()) << d.to_string();
}

TEST(SealField, RefusesWhatIsNoImageSayingWhere) {
    auto fields = seal_schema();
    const std::pair<json, const char*> bad[] = {
        {json(42), "must be an image"},
        {json{{"width", 42}}, "either \"path\""},
        {json{{"path", "a.png"}, {"data", "iVBO"}}, "not both"},
        {json{{"path", ""}}, "must be non-empty"},
        {json{{"data", "not base64!"}}, "not base64"},
        {json{{"path", "a.png"}, {"width", 0}}, "\"width\" must be a size in mm"},
        {json{{"path", "a.png"}, {"height", 400}}, "\"height\" must be a size in mm"},
        {json{{"path", "a.png"}, {"colour", "red"}}, "unknown key 'colour'"},
        {json{{"path", "a.png"}, {"alt", 3}}, "\"alt\" must be text"},
    };
    for (const auto& [v, want] : bad) {
        Diagnostics d;
        validate_data(fields, {{"印章", v}}, "d.json", d);
        std::string got = d.to_string();
        EXPECT_NE(got.find("d.json: error[invalid-data]: 「印章」: "), std::string::npos) << v.dump() << ": " << got;
        EXPECT_NE(got.find(want), std::string::npos) << v.dump() << ": " << got;
    }
    // In a list's record: by row and column.
    Diagnostics d;
    validate_data(fields, {{"联合发文机关", {{{"署名", "县委"}, {"印章", 7}}}}}, "d.json", d);
    EXPECT_NE(d.to_string().find("「联合发文机关」 row 1, 「印章」: must be an image"), std::string::npos) << d.to_string();
}

// A seal's picture is read and checked with the data, and a bad one is said on its field (not on
// the frame's loop that places it); nothing is written.
TEST(SealField, ABadPictureIsSaidOnItsField) {
    std::string dir = test::temp_dir();
    json d = json::parse(test::slurp(std::string(GONGWEN_SOURCE_DIR) + "/examples/samples/rectification-notice.json"));
    d["印章"] = "nope.png";
    test::write_file(dir + "/d.json", d.dump());
    auto r = test::run_gongwen("generate rectification-notice --data '" + dir + "/d.json' -o '" + dir + "/n.docx'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("d.json: error[image-missing]: 「印章」: "), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/n.docx"));
    d["印章"] = {{"data", "aGVsbG8="}};  // "hello"
    test::write_file(dir + "/d.json", d.dump());
    r = test::run_gongwen("generate rectification-notice --data '" + dir + "/d.json' -o '" + dir + "/n.docx'");
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("d.json: error[image-invalid]: 「印章」: "), std::string::npos) << r.err;
    // The sample's own seal renders: one picture named 印章 in the date's line.
    d["印章"] = json::parse(test::slurp(std::string(GONGWEN_SOURCE_DIR) + "/examples/samples/rectification-notice.json"))["印章"];
    test::write_file(dir + "/d.json", d.dump());
    r = test::run_gongwen("generate rectification-notice --data '" + dir + "/d.json' -o '" + dir + "/n.docx'");
    ASSERT_EQ(r.code, 0) << r.err;
    fs::remove_all(dir);
}

// ---- the frame -------------------------------------------------------------------------------

// The width of the spaces lead() writes: 　 a character, U+2002 half, U+2005 a quarter.
double lead_pt(const std::string& s) {
    double q = 0;
    for (std::size_t at = 0; at < s.size(); at += 3) {
        std::string c = s.substr(at, 3);
        q += c == "\u3000" ? 4 : c == "\u2002" ? 2 : c == "\u2005" ? 1 : 0;
    }
    return q * gbt9704::kFullPt / 4;
}

json frame_data(json seal) {
    json d = {{"发文机关署名", "县委第一巡察组"}, {"成文日期", "2023-07-05"}, {"附件", json::array()}, {"抄送", json::array()}};
    if (!seal.is_null()) d["印章"] = seal;
    gbt9704::prepare_frame(d);
    return d;
}

TEST(SealFrame, WithASealTheDateStandsFourCharactersInUnderTheSeal) {
    json d = frame_data("seal.png");
    EXPECT_EQ(d["加盖印章"], true);
    ASSERT_EQ(d["印章位置"].size(), 1u);
    EXPECT_EQ(d["印章位置"][0]["印章"], "seal.png");
    // The anchor's spaces and the date's add up to the sealed date's place (§7.3.5.1).
    double date_w = gbt9704::text_width("2023年7月5日");
    double date_at = gbt9704::kLinePt - 4 * gbt9704::kFullPt - date_w;
    double anchor = lead_pt(d["印章位置"][0]["前空"].get<std::string>());
    double after = lead_pt(d["日期前空"].get<std::string>());
    EXPECT_NEAR(anchor + after, date_at, 2.5);
    // The seal's centre (anchor + its offset + half of 42 mm) over the date's centre.
    EXPECT_NEAR(anchor + gbt9704::kSealAnchorPt + gbt9704::kSealPt / 2, date_at + date_w / 2, 2.5);
    // The signature centred over the date.
    std::string line = d["署名行"].get<std::string>();
    double sig_at = lead_pt(d["署名前空"].get<std::string>());
    EXPECT_NEAR(sig_at + gbt9704::text_width("县委第一巡察组") / 2, date_at + date_w / 2, 2.5);
    EXPECT_EQ(line, d["署名前空"].get<std::string>() + "县委第一巡察组");
}

TEST(SealFrame, StampedByHandKeepsTheSealedLayoutWithoutAPicture) {
    json hand = frame_data(true), picture = frame_data("seal.png");
    EXPECT_EQ(hand["加盖印章"], true);
    EXPECT_TRUE(hand["印章位置"].empty());
    EXPECT_EQ(hand["署名行"], picture["署名行"]);
    EXPECT_EQ(frame_data("加盖")["署名行"], picture["署名行"]);
}

TEST(SealFrame, WithoutASealTheSignatureStandsTwoCharactersIn) {
    for (const json& none : {json(), json(""), json(false), json("不加盖")}) {
        json d = frame_data(none);
        EXPECT_EQ(d["加盖印章"], false) << none.dump();
        EXPECT_TRUE(d["印章位置"].empty()) << none.dump();
        double sig_w = gbt9704::text_width("县委第一巡察组");
        double sig_at = lead_pt(d["署名前空"].get<std::string>());
        double date_at = lead_pt(d["日期前空"].get<std::string>()), date_w = gbt9704::text_width("2023年7月5日");
        // §7.3.5.2: the date starts two characters right of the signature; the longer of them ends
        // two characters from the right.
        EXPECT_NEAR(date_at - sig_at, 2 * gbt9704::kFullPt, 1) << none.dump();
        EXPECT_NEAR(gbt9704::kLinePt - std::max(sig_at + sig_w, date_at + date_w), 2 * gbt9704::kFullPt, 2.5) << none.dump();
    }
}

TEST(SealFrame, AJointDocumentSetsItsSealsSideBySide) {
    json d = {{"发文机关署名", "县委巡察办"}, {"成文日期", "2023-07-05"}, {"附件", json::array()}, {"抄送", json::array()},
              {"联合发文机关", {{{"署名", "县纪委监委"}, {"印章", "a.png"}}, {{"署名", "县委组织部"}, {"印章", "b.png"}}}}};
    gbt9704::prepare_frame(d);
    ASSERT_EQ(d["印章位置"].size(), 2u);
    EXPECT_EQ(d["印章位置"][0]["印章"], "a.png");
    EXPECT_EQ(d["印章位置"][1]["印章"], "b.png");
    // The second anchor 42 + 4 mm right of the first.
    double second = lead_pt(d["印章位置"][1]["前空"].get<std::string>());
    EXPECT_NEAR(second, gbt9704::kSealPt + gbt9704::kSealGapPt, 2.5);
    // Both names on the signature line, in order.
    std::string line = d["署名行"].get<std::string>();
    ASSERT_NE(line.find("县纪委监委"), std::string::npos);
    EXPECT_LT(line.find("县纪委监委"), line.find("县委组织部"));
    EXPECT_EQ(d["加盖印章"], true);
    // Four seals of 42 mm do not fit on the 156 mm line: said, not drawn over each other.
    json four = d;
    four["联合发文机关"] = json::array();
    for (const char* n : {"甲", "乙", "丙", "丁"}) four["联合发文机关"].push_back({{"署名", n}, {"印章", "a.png"}});
    EXPECT_THROW(gbt9704::prepare_frame(four), std::runtime_error);
}

} // namespace
} // namespace gongwen
