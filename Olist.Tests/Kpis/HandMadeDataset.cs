namespace Olist.Tests.Kpis;

/// <summary>
/// A few dozen hand-written records in the nine real file formats, each there to exercise one cleaning rule or KPI
/// edge. After cleaning, the sales orders are:
/// <code>
/// order  person  location (customer_id)      purchase             status      items (product/seller/price/freight)           payments
/// o1     u1      SP sao paulo (c1)           2018-01-05 10:00     delivered   p1/s1/100.00/10.00, p2/s1/50.00/5.00           120.00 + 45.00
/// o2     u2      RJ rio de janeiro (c3)      2018-01-20 08:00     delivered   p1/s2/100.00/20.00                             120.00
/// o5     u1      SP sao paulo (c2)           2018-03-03 09:00     delivered   p3/s2/30.00/7.50 x2, p4/s3/15.00/2.00          92.00
/// o6     u3      SP campinas (c4)            2018-03-15 12:00     shipped     p2/s1/50.00/8.00                               none
/// o7     u4      MG belo horizonte (c5)      2018-03-20 10:00     delivered   p5/s1/15.00/5.00                               20.00
/// o8     u5      SP sao paulo (c6)           2018-03-28 23:30     delivered   p6/s2/200.00/15.00                             215.00
/// o9     u2      RJ niteroi (c9)             2018-04-02 15:00     invoiced    p1/s1/90.00/10.00                              100.00
/// </code>
/// Not sales: o3 (Canceled, January), o4 (unavailable, the only order of February), o10 (its customer c99 does not
/// exist: quarantined, and its item, payment and review with it), o99/o98 (items, payments, reviews of no order).
/// </summary>
public sealed class HandMadeDataset : HandWrittenSource
{
    public HandMadeDataset()
    {
        Write(
            OlistCatalog.Customers,
            "c1,u1,1037,São Paulo,sp",                      // zip padded to 01037; accents and case fold to 'sao paulo', 'SP'
            "c2,u1,\"01037\",sao  paulo ,SP",               // the same person again (repeat customer), inner double space
            "c3,u2,\"20000\",petropolis,RJ",                // replaced by the later copy of c3
            "c4,u3,\"13000\",CAMPINAS,SP",
            "c5,u4,\"30000\",Belo Horizonte,MG",
            "c6,u5,\"01000\",SÃO PAULO,SP",
            "c7,u6,\"20000\",rio de janeiro,rj",            // only has a canceled order
            "c8,u7,\"40000\",salvador,BA",                  // only has an unavailable order
            "c9,u2,\"24000\",Niterói,RJ",                   // u2's second customer_id
            "c3,u2,\"20000\", Rio  de Janeiro ,rj");        // last copy of c3 wins
        Write(
            OlistCatalog.Orders,
            "o1,c1, Delivered ,2018-01-05 10:00:00,2018-01-05 10:10:00,2018-01-06 09:00:00,2018-01-10 10:00:00,2018-01-15 00:00:00",
            "o2,c3,delivered,2018-01-20 08:00:00,2018-01-20 08:05:00,2018-01-21 10:00:00,2018-01-22 20:00:00,2018-01-22 00:00:00",
            "o3,c7,Canceled,2018-01-25 11:00:00,,,,2018-02-10 00:00:00",
            "o4,c8,unavailable,2018-02-10 12:00:00,2018-02-10 12:30:00,,,2018-03-01 00:00:00",
            "o8,c6,shipped,2018-03-28 23:30:00,2018-03-29 00:10:00,2018-03-30 10:00:00,,2018-04-01 00:00:00", // replaced below
            "o5,c2,delivered,2018-03-03 09:00:00,2018-03-03 09:30:00,2018-03-05 10:00:00,2018-03-13 09:00:00,2018-03-10 00:00:00",
            "o6,c4,SHIPPED,2018-03-15 12:00:00,2018-03-15 12:20:00,2018-03-16 08:00:00,,2018-04-05 00:00:00",
            "o7,c5,delivered,2018-03-20 10:00:00,2018-03-20 10:15:00,2018-03-20 18:00:00,2018-03-19 10:00:00,2018-03-30 00:00:00", // delivered before purchase
            "o8,c6,delivered,2018-03-28 23:30:00,2018-03-29 00:10:00,2018-03-30 10:00:00,2018-04-10 11:30:00,2018-04-01 00:00:00",
            "o9,c9,invoiced,2018-04-02 15:00:00,2018-04-02 15:10:00,,,2018-04-20 00:00:00",
            "o10,c99,delivered,2018-03-05 10:00:00,2018-03-05 10:10:00,2018-03-06 10:00:00,2018-03-09 10:00:00,2018-03-20 00:00:00");
        Write(
            OlistCatalog.OrderItems,
            "o1,1,p1,s1,2018-01-09 10:00:00,80.00,10.00",   // replaced by the later copy of (o1, 1)
            "o1,2,p2,s1,2018-01-09 10:00:00,50.00,5.00",
            "o1,1,p1,s1,2018-01-09 10:00:00,100.00,10.00",
            "o2,1,p1,s2,2018-01-24 08:00:00,100.00,20.00",
            "o3,1,p3,s2,2018-01-29 11:00:00,999.00,30.00",
            "o5,1,p3,s2,2018-03-07 09:00:00,30.00,7.50",
            "o5,2,p3,s2,2018-03-07 09:00:00,30.00,7.50",
            "o5,3,p4,s3,2018-03-07 09:00:00,15.00,2.00",    // p4 and s3 are in no file: kept, category unknown, no location
            "o6,1,p2,s1,2018-03-19 12:00:00,50.00,8.00",
            "o7,1,p5,s1,2018-03-24 10:00:00,15.00,5.00",
            "o8,1,p6,s2,2018-04-01 23:30:00,200.00,15.00",
            "o9,1,p1,s1,2018-04-06 15:00:00,90.00,10.00",
            "o10,1,p1,s1,2018-03-09 10:00:00,77.00,10.00",
            "o99,1,p1,s1,2018-03-09 10:00:00,500.00,10.00");
        Write(
            OlistCatalog.OrderPayments,
            "o1,1,credit_card,3,120.00",
            "o1,2,voucher,1,45.00",
            "o2,1,credit_card,1,100.00",                    // replaced by the later copy of (o2, 1)
            "o2,1,credit_card,2,120.00",
            "o3,1,credit_card,1,1029.00",
            "o4,1,boleto,1,10.00",
            "o5,1,boleto,1,92.00",
            "o7,1,debit_card,1,20.00",
            "o8,1,credit_card,4,215.00",
            "o9,1,credit_card,2,100.00",
            "o10,1,credit_card,1,87.00",
            "o99,1,credit_card,1,510.00");
        Write(
            OlistCatalog.OrderReviews,
            "r1,o1,5,,\"Chegou antes do prazo.\r\nRecomendo!\",2018-01-11 00:00:00,2018-01-12 10:00:00",
            "r2,o2,1,,,2018-01-23 00:00:00,2018-01-23 12:00:00", // replaced by the later copy of (r2, o2)
            "r3,o2,2,Demorou,,2018-01-23 00:00:00,2018-01-24 09:00:00",
            "r2,o2,4,,Bom,2018-01-23 00:00:00,2018-01-25 12:00:00",
            "r4,o5,1,Ruim,\"Atrasou, veio faltando\",2018-03-14 00:00:00,2018-03-15 00:00:00",
            "r5,o7,3,,,2018-03-20 00:00:00,2018-03-21 00:00:00",
            "r6,o8,2,,,2018-04-11 00:00:00,2018-04-12 00:00:00",
            "r5,o1,3,,,2018-01-11 00:00:00,2018-01-13 00:00:00", // the same review_id on another order is another review
            "r7,o3,1,,,2018-01-26 00:00:00,2018-01-27 00:00:00",
            "r8,o10,1,,,2018-03-10 00:00:00,2018-03-11 00:00:00",
            "r9,o98,1,,,2018-03-10 00:00:00,2018-03-11 00:00:00");
        Write(
            OlistCatalog.Products,
            "p1,beleza_saude,40,287,1,225,16,10,14",
            "p2,moveis_decoracao,44,276,1,1000,30,18,20",  // replaced by the later copy of p2
            "p3,informatica_acessorios,46,250,1,154,18,9,15",
            "p5,,,,,300,20,10,10",                          // no category: unknown
            "p6,pc_gamer,50,900,3,2000,40,20,30",           // no translation: stays pc_gamer
            "p2,esporte_lazer,44,276,1,1000,30,18,20");
        Write(
            OlistCatalog.Sellers,
            "s1,\"13023\",Campinas,SP",
            "s2,\"01001\",São  Paulo,sp");
        Write(
            OlistCatalog.CategoryTranslation,
            "beleza_saude,health_beauty",
            "esporte_lazer,sports_leisure",
            "informatica_acessorios,computers_accessories",
            "moveis_decoracao,furniture_decor");
        Write(
            OlistCatalog.Geolocation,
            "\"01037\",-23.5456,-46.6388,sao paulo,SP",
            "\"13023\",-22.8929,-47.0608,campinas,SP",
            "\"20000\",-22.9035,-43.2096,rio de janeiro,RJ");
    }
}
