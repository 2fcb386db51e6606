package dev.aios.toolpacks.office.internal;

import java.math.BigInteger;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * What a new Word document needs so its headings and bullets are real ones (a blank POI document
 * has neither): the Title and Heading 1-3 paragraph styles, with outline levels so Word's
 * navigation pane and a table of contents see them, and one bullet list definition.
 */
final class WordStyles {
    /** The style ids, as Word names them in English documents. */
    static final String TITLE = "Title";

    private WordStyles() {}

    /** @return the style id of a heading of {@code level} (1 to 3) */
    static String heading(int level) {
        return "Heading" + level;
    }

    /** Adds the Title and Heading 1-3 styles to {@code doc}. */
    static void addHeadings(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        styles.addStyle(style(styles, TITLE, "Title", -1, 56));
        int[] halfPoints = {32, 26, 24};
        for (int level = 1; level <= 3; level++) {
            styles.addStyle(style(styles, heading(level), "heading " + level, level - 1, halfPoints[level - 1]));
        }
    }

    /** Adds a one-level bullet list definition to {@code doc}; @return its numbering id for paragraphs */
    static BigInteger addBullets(XWPFDocument doc) {
        CTAbstractNum list = CTAbstractNum.Factory.newInstance();
        list.setAbstractNumId(BigInteger.ZERO);
        CTLvl level = list.addNewLvl();
        level.setIlvl(BigInteger.ZERO);
        level.addNewStart().setVal(BigInteger.ONE);
        level.addNewNumFmt().setVal(STNumberFormat.BULLET);
        level.addNewLvlText().setVal("\u2022");
        level.addNewPPr().addNewInd().setLeft(BigInteger.valueOf(720));
        level.getPPr().getInd().setHanging(BigInteger.valueOf(360));
        XWPFNumbering numbering = doc.createNumbering();
        BigInteger abstractId = numbering.addAbstractNum(new XWPFAbstractNum(list, numbering));
        return numbering.addNum(abstractId);
    }

    private static XWPFStyle style(XWPFStyles styles, String id, String name, int outlineLevel, int halfPoints) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.setType(STStyleType.PARAGRAPH);
        style.addNewName().setVal(name);
        style.addNewQFormat();
        if (outlineLevel >= 0) {
            style.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
            style.getPPr().addNewKeepNext();
            style.getPPr().addNewSpacing().setBefore(BigInteger.valueOf(240));
        }
        CTRPr run = style.addNewRPr();
        run.addNewB();
        run.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        return new XWPFStyle(style, styles);
    }
}
