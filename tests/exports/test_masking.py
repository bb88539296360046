import pytest

from exports.masking import mask_address, mask_email, mask_handle, mask_name, mask_phone, mask_text

NAMES = [("刘德华", "刘**"), ("刘伟", "刘*"), ("欧阳娜娜", "欧***"), ("刘", "刘"), ("", ""), (" 王芳 ", "王*"),
         ("John Smith", "J***")]  # fmt: skip


@pytest.mark.parametrize(("name", "masked"), NAMES)
def test_names_keep_the_surname(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    ("13812345678", "138****5678"), ("+86 138-1234-5678", "138****5678"), ("0571-88886666", "0571-****66"),
    ("010 12345678", "010-****78"), ("02587654321", "025-****21"), ("12345", "****"), ("", ""),
    ("ext 9988776", "****76"),
])  # fmt: skip
def test_phones(phone, masked):
    assert mask_phone(phone) == masked


def test_emails_handles_and_addresses():
    assert mask_email("liu.wei@example.cn") == "l***@example.cn"
    assert mask_email("no-at-sign") == "n***"
    assert mask_handle("liudehua88") == "l***"
    assert mask_address("浙江省杭州市西湖区文三路100号") == "浙江省杭州市西湖区"
    assert mask_address("广西壮族自治区南宁市青秀区民族大道1号") == "广西壮族自治区南宁市青秀区"
    assert mask_address("江苏省扬州市江都区经济开发区1号") == "江苏省扬州市江都区"
    assert mask_address("苏州市人民路1号") == "苏州市"
    assert mask_address("某地1号楼") == ""


def test_free_text_loses_phones_emails_and_the_named_people():
    text = mask_text("刘德华（13812345678，0571-88886666，liu@a.cn）说刘总会来", names=["刘德华", "刘"])
    assert text == "刘**（138****5678，0571-****66，l***@a.cn）说刘总会来"
    assert "13812345678" not in mask_text("手机+8613812345678")
