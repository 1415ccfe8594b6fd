namespace Olist.Pipeline.Generation.Reference;

/// <summary>A product category: its Portuguese name, its English name when the translation file has one, and how many real products it holds.</summary>
internal sealed record ProductCategory(string Portuguese, string? English, int RealProducts);

/// <summary>The real categories: the 71 pairs of the translation file in file order, then the two the translation lacks.</summary>
internal static class ProductCategories
{
    /// <summary>Categories the real translation file lacks; products in them keep their Portuguese name.</summary>
    public static IReadOnlyList<ProductCategory> Untranslated { get; } =
    [
        new("pc_gamer", null, 3),
        new("portateis_cozinha_e_preparadores_de_alimentos", null, 10),
    ];

    /// <summary>The translation file's 71 rows in file order, with the real product count of each as popularity weight.</summary>
    public static IReadOnlyList<ProductCategory> Translated { get; } =
    [
        new("beleza_saude", "health_beauty", 2444),
        new("informatica_acessorios", "computers_accessories", 1639),
        new("automotivo", "auto", 1900),
        new("cama_mesa_banho", "bed_bath_table", 3029),
        new("moveis_decoracao", "furniture_decor", 2657),
        new("esporte_lazer", "sports_leisure", 2867),
        new("perfumaria", "perfumery", 868),
        new("utilidades_domesticas", "housewares", 2335),
        new("telefonia", "telephony", 1134),
        new("relogios_presentes", "watches_gifts", 1329),
        new("alimentos_bebidas", "food_drink", 104),
        new("bebes", "baby", 919),
        new("papelaria", "stationery", 849),
        new("tablets_impressao_imagem", "tablets_printing_image", 9),
        new("brinquedos", "toys", 1411),
        new("telefonia_fixa", "fixed_telephony", 116),
        new("ferramentas_jardim", "garden_tools", 753),
        new("fashion_bolsas_e_acessorios", "fashion_bags_accessories", 849),
        new("eletroportateis", "small_appliances", 231),
        new("consoles_games", "consoles_games", 317),
        new("audio", "audio", 58),
        new("fashion_calcados", "fashion_shoes", 173),
        new("cool_stuff", "cool_stuff", 789),
        new("malas_acessorios", "luggage_accessories", 349),
        new("climatizacao", "air_conditioning", 124),
        new("construcao_ferramentas_construcao", "construction_tools_construction", 400),
        new("moveis_cozinha_area_de_servico_jantar_e_jardim", "kitchen_dining_laundry_garden_furniture", 94),
        new("construcao_ferramentas_jardim", "costruction_tools_garden", 88),
        new("fashion_roupa_masculina", "fashion_male_clothing", 95),
        new("pet_shop", "pet_shop", 719),
        new("moveis_escritorio", "office_furniture", 309),
        new("market_place", "market_place", 104),
        new("eletronicos", "electronics", 517),
        new("eletrodomesticos", "home_appliances", 370),
        new("artigos_de_festas", "party_supplies", 26),
        new("casa_conforto", "home_confort", 111),
        new("construcao_ferramentas_ferramentas", "costruction_tools_tools", 39),
        new("agro_industria_e_comercio", "agro_industry_and_commerce", 74),
        new("moveis_colchao_e_estofado", "furniture_mattress_and_upholstery", 10),
        new("livros_tecnicos", "books_technical", 123),
        new("casa_construcao", "home_construction", 225),
        new("instrumentos_musicais", "musical_instruments", 289),
        new("moveis_sala", "furniture_living_room", 156),
        new("construcao_ferramentas_iluminacao", "construction_tools_lights", 78),
        new("industria_comercio_e_negocios", "industry_commerce_and_business", 68),
        new("alimentos", "food", 82),
        new("artes", "art", 55),
        new("moveis_quarto", "furniture_bedroom", 45),
        new("livros_interesse_geral", "books_general_interest", 216),
        new("construcao_ferramentas_seguranca", "construction_tools_safety", 91),
        new("fashion_underwear_e_moda_praia", "fashion_underwear_beach", 53),
        new("fashion_esporte", "fashion_sport", 19),
        new("sinalizacao_e_seguranca", "signaling_and_security", 93),
        new("pcs", "computers", 30),
        new("artigos_de_natal", "christmas_supplies", 65),
        new("fashion_roupa_feminina", "fashio_female_clothing", 27),
        new("eletrodomesticos_2", "home_appliances_2", 90),
        new("livros_importados", "books_imported", 31),
        new("bebidas", "drinks", 81),
        new("cine_foto", "cine_photo", 28),
        new("la_cuisine", "la_cuisine", 10),
        new("musica", "music", 27),
        new("casa_conforto_2", "home_comfort_2", 5),
        new("portateis_casa_forno_e_cafe", "small_appliances_home_oven_and_coffee", 31),
        new("cds_dvds_musicais", "cds_dvds_musicals", 1),
        new("dvds_blu_ray", "dvds_blu_ray", 48),
        new("flores", "flowers", 14),
        new("artes_e_artesanato", "arts_and_craftmanship", 19),
        new("fraldas_higiene", "diapers_and_hygiene", 12),
        new("fashion_roupa_infanto_juvenil", "fashion_childrens_clothes", 5),
        new("seguros_e_servicos", "security_and_services", 2),
    ];

    /// <summary>Real number of products without a category.</summary>
    public const int RealUncategorised = 610;
}
